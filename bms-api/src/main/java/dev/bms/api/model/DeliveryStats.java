package dev.bms.api.model;

import java.util.Objects;

/**
 * Notification outcomes of one notifier over a period.
 *
 * @param notifier the configured notifier's name
 * @param delivered notifications delivered
 * @param retried failed attempts that were retried
 * @param undeliverable notifications given up on
 * @param dropped notifications never attempted (queue full, shutting down)
 * @since 0.1.0
 */
public record DeliveryStats(String notifier, long delivered, long retried, long undeliverable, long dropped) {
  public DeliveryStats {
    Objects.requireNonNull(notifier, "notifier");
  }
}
