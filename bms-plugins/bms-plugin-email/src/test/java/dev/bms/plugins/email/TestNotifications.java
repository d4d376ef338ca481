package dev.bms.plugins.email;

import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notifications shaped like the ones the alert engine sends. */
final class TestNotifications {
  static final Instant FIRST = Instant.parse("2026-03-01T02:00:13Z");
  static final Instant LAST = Instant.parse("2026-03-03T02:00:41Z");
  static final Instant CREATED = Instant.parse("2026-03-03T02:01:00Z");

  private TestNotifications() {
  }

  static NotifiedAlert payrollFailed(Optional<Instant> resolvedAt) {
    return new NotifiedAlert("al-1", "execution-failed", Severity.CRITICAL, "Backup payroll-files failed",
        "Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded", Optional.of("payroll-files"),
        Map.of("team", "finance", "env", "prod"), 3, FIRST, LAST, resolvedAt);
  }

  /** A title and detail full of HTML, as a hostile or clumsy backup tool could print. */
  static NotifiedAlert scriptInTitle() {
    return new NotifiedAlert("al-2", "rpo-exceeded", Severity.WARNING, "RPO exceeded for <script>alert(1)</script>",
        "last good backup \"nightly\" & <b>old</b>", Optional.of("crm-db"), Map.of(), 1, FIRST, FIRST,
        Optional.empty());
  }

  static NotifiedAlert infoNoJob() {
    return new NotifiedAlert("al-3", "verification-skipped", Severity.INFO, "Verification skipped", "",
        Optional.empty(), Map.of(), 1, FIRST, LAST, Optional.empty());
  }

  static Notification firing() {
    return new Notification("n-100", NotificationKind.FIRING, "3 alerts on payroll-files and crm-db",
        List.of(infoNoJob(), scriptInTitle(), payrollFailed(Optional.empty())), CREATED);
  }

  static Notification resolved() {
    return new Notification("n-101", NotificationKind.RESOLVED, "Backup payroll-files failed",
        List.of(payrollFailed(Optional.of(Instant.parse("2026-03-04T02:05:00Z")))), CREATED);
  }

  static Notification digest() {
    return new Notification("n-102", NotificationKind.DIGEST, "Daily digest",
        List.of(payrollFailed(Optional.empty()), scriptInTitle(), infoNoJob()), CREATED);
  }
}
