package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one notification on one notifier: each attempt is recorded, so undeliverable
 * notifications stay visible.
 *
 * @param notificationId the notification
 * @param notifier the configured notifier's name
 * @param kind {@code FIRING}, {@code RESOLVED} or {@code DIGEST}
 * @param alertIds the alerts it carried
 * @param attempt 1 for the first attempt
 * @param outcome what happened
 * @param error why it failed, if it did
 * @param at when
 * @since 0.1.0
 */
public record NotificationAttempt(String notificationId, String notifier, String kind, List<AlertId> alertIds,
                                  int attempt, Outcome outcome, Optional<String> error, Instant at) {
  public NotificationAttempt {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(kind, "kind");
    alertIds = List.copyOf(alertIds);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }

  /** Outcomes of an attempt. */
  public enum Outcome {
    /** Delivered. */
    DELIVERED,
    /** Failed; it will be tried again. */
    RETRYING,
    /** Failed for good (not retryable, attempts used up, timed out on a hung notifier). */
    UNDELIVERABLE,
    /** Never attempted: the notifier's queue was full or the manager was closing. */
    DROPPED
  }
}
