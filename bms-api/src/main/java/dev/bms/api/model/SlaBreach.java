package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert that was not acknowledged within its severity's SLA.
 *
 * @param alertId the alert
 * @param severity its severity
 * @param rule the rule that raised it
 * @param jobName the job concerned, if any
 * @param raisedAt when it was raised
 * @param deadline when it should have been acknowledged by
 * @param detectedAt when bms recorded the breach (deadline passed unacknowledged, or a late acknowledgement)
 * @since 0.1.0
 */
public record SlaBreach(AlertId alertId, Severity severity, String rule, Optional<String> jobName, Instant raisedAt,
                        Instant deadline, Instant detectedAt) {
  public SlaBreach {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }
}
