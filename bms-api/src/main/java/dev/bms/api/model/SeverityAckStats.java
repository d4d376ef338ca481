package dev.bms.api.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Acknowledgement figures of one severity over a period.
 *
 * @param severity the severity
 * @param sla the time allowed to acknowledge
 * @param raised alerts raised in the period
 * @param acknowledged of those, how many were acknowledged (so far)
 * @param withinSla acknowledged by their deadline
 * @param breached not acknowledged by their deadline (late, or not at all while the deadline passed)
 * @param p50 median time to acknowledge, when any was acknowledged
 * @param p95 95th percentile time to acknowledge (nearest rank)
 * @param max longest time to acknowledge
 * @since 0.1.0
 */
public record SeverityAckStats(Severity severity, Duration sla, long raised, long acknowledged, long withinSla,
                               long breached, Optional<Duration> p50, Optional<Duration> p95, Optional<Duration> max) {
  public SeverityAckStats {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(sla, "sla");
    Objects.requireNonNull(p50, "p50");
    Objects.requireNonNull(p95, "p95");
    Objects.requireNonNull(max, "max");
  }
}
