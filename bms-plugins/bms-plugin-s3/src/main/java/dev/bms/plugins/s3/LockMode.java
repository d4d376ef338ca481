package dev.bms.plugins.s3;

import dev.bms.spi.LockEnforcement;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/** The {@code objectLock} key: which S3 Object Lock retention mode the target applies, if any. */
enum LockMode {
  /** No retention is applied; the target declares no immutability. */
  NONE,
  /** GOVERNANCE: users with {@code s3:BypassGovernanceRetention} can lift it, so it counts as advisory. */
  GOVERNANCE,
  /** COMPLIANCE: nobody, not even the account root, can shorten or remove it: enforced. */
  COMPLIANCE;

  Optional<ObjectLockRetentionMode> s3Mode() {
    return switch (this) {
      case NONE -> Optional.empty();
      case GOVERNANCE -> Optional.of(ObjectLockRetentionMode.GOVERNANCE);
      case COMPLIANCE -> Optional.of(ObjectLockRetentionMode.COMPLIANCE);
    };
  }

  LockEnforcement enforcement() {
    return this == COMPLIANCE ? LockEnforcement.ENFORCED : LockEnforcement.ADVISORY;
  }

  /** Whether a retention read back in {@code found} mode is at least as strong as this one. */
  boolean satisfiedBy(ObjectLockRetentionMode found) {
    return switch (this) {
      case NONE -> true;
      case GOVERNANCE -> found == ObjectLockRetentionMode.GOVERNANCE || found == ObjectLockRetentionMode.COMPLIANCE;
      case COMPLIANCE -> found == ObjectLockRetentionMode.COMPLIANCE;
    };
  }
}
