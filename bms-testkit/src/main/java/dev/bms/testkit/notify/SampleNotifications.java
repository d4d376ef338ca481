package dev.bms.testkit.notify;

import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications shaped like the ones bms's alert engine sends, for notifier tests: a firing one with
 * three alerts (one with HTML in its title, one without a job), a resolved one and a digest.
 */
public final class SampleNotifications {
  /** When the sample alerts first fired. */
  public static final Instant FIRST = Instant.parse("2026-03-01T02:00:13Z");
  /** When the sample alerts last fired. */
  public static final Instant LAST = Instant.parse("2026-03-03T02:00:41Z");
  /** When the sample notifications were created. */
  public static final Instant CREATED = Instant.parse("2026-03-03T02:01:00Z");

  private SampleNotifications() {
  }

  /** A critical alert of job payroll-files, with labels, fired three times. */
  public static NotifiedAlert payrollFailed(Optional<Instant> resolvedAt) {
    return new NotifiedAlert("al-1", "execution-failed", Severity.CRITICAL, "Backup payroll-files failed",
        "Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded", Optional.of("payroll-files"),
        Map.of("team", "finance", "env", "prod"), 3, FIRST, LAST, resolvedAt);
  }

  /** A title and detail full of HTML, as a hostile or clumsy backup tool could print. */
  public static NotifiedAlert scriptInTitle() {
    return new NotifiedAlert("al-2", "rpo-exceeded", Severity.WARNING, "RPO exceeded for <script>alert(1)</script>",
        "last good backup \"nightly\" & <b>old</b>", Optional.of("crm-db"), Map.of(), 1, FIRST, FIRST,
        Optional.empty());
  }

  /** An info alert of no job, with an empty detail. */
  public static NotifiedAlert infoNoJob() {
    return new NotifiedAlert("al-3", "verification-skipped", Severity.INFO, "Verification skipped", "",
        Optional.empty(), Map.of(), 1, FIRST, LAST, Optional.empty());
  }

  /** A FIRING notification of the three sample alerts. */
  public static Notification firing() {
    return new Notification("n-100", NotificationKind.FIRING, "3 alerts on payroll-files and crm-db",
        List.of(infoNoJob(), scriptInTitle(), payrollFailed(Optional.empty())), CREATED);
  }

  /** A RESOLVED notification of the payroll alert. */
  public static Notification resolved() {
    return new Notification("n-101", NotificationKind.RESOLVED, "Backup payroll-files failed",
        List.of(payrollFailed(Optional.of(Instant.parse("2026-03-04T02:05:00Z")))), CREATED);
  }

  /** A DIGEST of the three sample alerts. */
  public static Notification digest() {
    return new Notification("n-102", NotificationKind.DIGEST, "Daily digest",
        List.of(payrollFailed(Optional.empty()), scriptInTitle(), infoNoJob()), CREATED);
  }
}
