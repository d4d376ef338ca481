package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in an alert's life, as recorded: the audit trail behind acknowledgement SLAs.
 *
 * @param alertId the alert
 * @param at when it happened
 * @param kind what happened
 * @param detail who, which notifier, or why, depending on the kind
 * @since 0.1.0
 */
public record AlertHistoryEntry(AlertId alertId, Instant at, Kind kind, String detail) {
  public AlertHistoryEntry {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** Kinds of steps. */
  public enum Kind {
    /** The alert was raised. */
    RAISED,
    /** Its condition was seen again while open (deduplicated). */
    SEEN_AGAIN,
    /** A notification about it was queued for a notifier (detail: notifier). */
    NOTIFIED,
    /** A notifier delivered it (detail: notifier). */
    DELIVERED,
    /** A notifier could not deliver it, finally (detail: notifier and error). */
    DELIVERY_FAILED,
    /** A notification was held back by a silence or an inhibiting alert (detail: which). */
    SUPPRESSED,
    /** Someone acknowledged it (detail: who and note). */
    ACKNOWLEDGED,
    /** It was not acknowledged within its severity's SLA. */
    SLA_BREACHED,
    /** Its condition cleared. */
    RESOLVED
  }
}
