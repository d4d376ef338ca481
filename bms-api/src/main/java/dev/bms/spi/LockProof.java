package dev.bms.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The retention lock of one copy as read back from the medium by {@link BackupTarget#lockedUntil}
 * (never as configuration claims it), with how strongly the medium holds it.
 *
 * @param lockedUntil the lock found; empty when the target reported none (or could not prove one).
 *     A lock that has expired but is still recorded by the medium is kept with its past instant,
 *     so compliance can say "expired at ..." rather than "no lock"
 * @param checkedAt when it was read back
 * @param enforcement how strongly the medium holds the lock, from the target's
 *     {@link TargetCapabilities#lockEnforcement()} at read-back time: an {@link LockEnforcement#ADVISORY}
 *     lock can be lifted by an administrator, an {@link LockEnforcement#ENFORCED} one cannot
 * @since 0.1.0
 */
public record LockProof(Optional<Instant> lockedUntil, Instant checkedAt, LockEnforcement enforcement) {
  public LockProof {
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(enforcement, "enforcement");
  }

  /**
   * A proof of an {@link LockEnforcement#ADVISORY} lock: the conservative reading when the
   * medium's enforcement is not known.
   */
  public LockProof(Optional<Instant> lockedUntil, Instant checkedAt) {
    this(lockedUntil, checkedAt, LockEnforcement.ADVISORY);
  }

  /** True when the lock read back holds at {@code now} (advisory or enforced). */
  public boolean holdsAt(Instant now) {
    return lockedUntil.filter(now::isBefore).isPresent();
  }

  /** True when the lock read back holds at {@code now} and the medium enforces it. */
  public boolean enforcedAt(Instant now) {
    return enforcement == LockEnforcement.ENFORCED && holdsAt(now);
  }
}
