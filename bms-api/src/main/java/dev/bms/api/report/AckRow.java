package dev.bms.api.report;

import dev.bms.api.model.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Acknowledgement times of one severity (a row of table 7.3), from the alert service's
 * {@link dev.bms.api.model.AckSlaReport}. The typical time is the median, not the mean: one alert
 * acknowledged after a weekend would dominate a mean.
 *
 * @param severity the severity
 * @param alerts alerts raised in the period
 * @param acknowledged of those, acknowledged
 * @param withinSlaCount of those, acknowledged within the SLA
 * @param medianAck median time to acknowledge, if any was acknowledged
 * @param p95Ack 95th percentile time to acknowledge, if any was acknowledged
 * @param sla the SLA for this severity
 * @since 0.1.0
 */
public record AckRow(Severity severity, long alerts, long acknowledged, long withinSlaCount, Optional<Duration> medianAck,
                     Optional<Duration> p95Ack, Duration sla) {
  public AckRow {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(medianAck, "medianAck");
    Objects.requireNonNull(p95Ack, "p95Ack");
    Objects.requireNonNull(sla, "sla");
  }

  /** Whether the median is below the SLA; empty without acknowledged alerts. */
  public Optional<Boolean> withinSla() {
    return medianAck.map(m -> m.compareTo(sla) < 0);
  }
}
