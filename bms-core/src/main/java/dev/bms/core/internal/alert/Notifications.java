package dev.bms.core.internal.alert;

import dev.bms.api.model.Alert;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds {@link Notification}s from alerts: what a notifier sees. */
final class Notifications {
  private Notifications() {
  }

  static Notification of(NotificationKind kind, List<Alert> alerts, Instant now) {
    List<NotifiedAlert> notified = alerts.stream().map(Notifications::notified).toList();
    return new Notification("n-" + UUID.randomUUID(), kind, title(kind, alerts), notified, now);
  }

  static NotifiedAlert notified(Alert a) {
    return new NotifiedAlert(a.id().toString(), a.rule(), a.severity(), a.title(), a.detail(), a.jobName(),
        a.labels(), a.count(), a.firstSeen(), a.lastSeen(), a.resolvedAt());
  }

  private static String title(NotificationKind kind, List<Alert> alerts) {
    if (kind == NotificationKind.DIGEST) {
      return alerts.size() + (alerts.size() == 1 ? " open alert" : " open alerts");
    }
    if (alerts.size() == 1) {
      return (kind == NotificationKind.RESOLVED ? "Resolved: " : "") + alerts.get(0).title();
    }
    String jobs = alerts.stream().map(Alert::jobName).flatMap(Optional::stream).distinct().sorted()
        .collect(Collectors.joining(", "));
    return alerts.size() + (kind == NotificationKind.RESOLVED ? " alerts resolved" : " alerts")
        + (jobs.isEmpty() ? "" : " on " + jobs);
  }
}
