package dev.bms.api.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * This instance reaches its storage again after a {@link StorageDownEvent}.
 *
 * @param downFor how long the outage lasted, as this instance saw it
 * @param at when the storage answered again
 * @since 0.1
 */
public record StorageUpEvent(Duration downFor, Instant at) implements BmsEvent {
  public StorageUpEvent {
    Objects.requireNonNull(downFor, "downFor");
    Objects.requireNonNull(at, "at");
  }
}
