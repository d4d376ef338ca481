package dev.bms.spi.notify;

import dev.bms.api.model.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One message to deliver: a group of related alerts (grouping turns a burst into one message).
 *
 * @param id unique per notification; receivers may use it to drop duplicates
 * @param kind firing, resolved or digest
 * @param title one line summarising the group
 * @param alerts the alerts, most severe first
 * @param createdAt when bms created the notification
 * @since 0.1.0
 */
public record Notification(String id, NotificationKind kind, String title, List<NotifiedAlert> alerts, Instant createdAt) {
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    alerts = alerts.stream().sorted(Comparator.comparing(NotifiedAlert::severity)).toList();
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification needs at least one alert");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The most severe severity among the alerts. */
  public Severity severity() {
    return alerts.get(0).severity();
  }
}
