package dev.bms.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * This instance lost its storage: a call or a health probe could not reach the database. Published
 * once per outage, on the transition; {@link StorageUpEvent} ends it.
 *
 * @param reason the failure that showed it (e.g. the connection timeout)
 * @param at when it was detected
 * @since 0.1
 */
public record StorageDownEvent(String reason, Instant at) implements BmsEvent {
  public StorageDownEvent {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
