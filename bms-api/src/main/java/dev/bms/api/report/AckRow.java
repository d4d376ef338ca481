package dev.bms.api.report;

import dev.bms.api.model.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Acknowledgement times of one severity (a row of table 7.3).
 *
 * @param severity the severity
 * @param alerts alerts raised in the period
 * @param acknowledged of those, acknowledged
 * @param averageAck average time to acknowledge, if any was acknowledged
 * @param sla the SLA for this severity
 */
public record AckRow(Severity severity, long alerts, long acknowledged, Optional<Duration> averageAck, Duration sla) {
  public AckRow {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(averageAck, "averageAck");
    Objects.requireNonNull(sla, "sla");
  }

  /** Whether the average is below the SLA; empty without acknowledged alerts. */
  public Optional<Boolean> withinSla() {
    return averageAck.map(avg -> avg.compareTo(sla) < 0);
  }
}
