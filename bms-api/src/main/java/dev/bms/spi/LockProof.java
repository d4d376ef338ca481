package dev.bms.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The retention lock of one copy as read back from the medium by {@link BackupTarget#lockedUntil}
 * (never as configuration claims it).
 *
 * @param lockedUntil the lock found; empty when the target reported none (or could not prove one)
 * @param checkedAt when it was read back
 * @since 0.1.0
 */
public record LockProof(Optional<Instant> lockedUntil, Instant checkedAt) {
  public LockProof {
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /** True when the lock read back holds at {@code now}. */
  public boolean holdsAt(Instant now) {
    return lockedUntil.filter(now::isBefore).isPresent();
  }
}
