package dev.bms.spi;

import dev.bms.api.model.MediaType;
import java.util.Objects;

/**
 * What a target declares about itself. The compliance engine reads these (media type, failure
 * domain, offsite, immutability) and trusts immutability only where the target can prove it for a
 * written copy ({@link BackupTarget#lockedUntil}).
 *
 * @param mediaType the kind of medium
 * @param failureDomain what fails together, e.g. {@code "site:berlin-dc1"} or {@code "aws:eu-central-1:acct-42"}
 * @param offsite whether the medium is away from the production site
 * @param immutable whether the target applies retention locks to what it writes
 * @param offline whether the medium is air-gapped (disconnected after writing)
 * @param lockEnforcement how strongly the medium holds the locks this target applies; recorded with
 *     every lock read back ({@link LockProof#enforcement()}); {@link LockEnforcement#ADVISORY} when
 *     the target applies no locks
 * @since 0.1.0
 */
public record TargetCapabilities(MediaType mediaType, String failureDomain, boolean offsite, boolean immutable,
                                 boolean offline, LockEnforcement lockEnforcement) {
  public TargetCapabilities {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(failureDomain, "failureDomain");
    Objects.requireNonNull(lockEnforcement, "lockEnforcement");
  }

  /** Capabilities whose locks, if any, are {@link LockEnforcement#ADVISORY}. */
  public TargetCapabilities(MediaType mediaType, String failureDomain, boolean offsite, boolean immutable,
                            boolean offline) {
    this(mediaType, failureDomain, offsite, immutable, offline, LockEnforcement.ADVISORY);
  }
}
