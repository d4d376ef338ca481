package dev.bms.spi.notify;

import dev.bms.api.model.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert as a notifier sees it: enough to render a message, nothing to act on.
 *
 * @param alertId the alert's id, for links and acknowledgement
 * @param rule the rule that raised it, e.g. {@code "execution-failed"}
 * @param severity its severity
 * @param title one line, e.g. {@code "Backup payroll-files failed"}
 * @param detail a few lines of explanation
 * @param jobName the job concerned, if any
 * @param labels the job's and rule's labels
 * @param count how many times the condition was seen (deduplicated)
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param resolvedAt when it resolved, for RESOLVED notifications
 * @since 0.1.0
 */
public record NotifiedAlert(String alertId, String rule, Severity severity, String title, String detail,
                            Optional<String> jobName, Map<String, String> labels, int count,
                            Instant firstSeen, Instant lastSeen, Optional<Instant> resolvedAt) {
  public NotifiedAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(jobName, "jobName");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
  }
}
