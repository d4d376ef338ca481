package dev.bms.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed copy: where it lives and the retention lock applied to it.
 *
 * @param location target-specific address, passed back to read, verify, restore and delete
 * @param immutableUntil the lock the target applied, if any
 * @since 0.1.0
 */
public record StoredCopy(String location, Optional<Instant> immutableUntil) {
  public StoredCopy {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(immutableUntil, "immutableUntil");
  }
}
