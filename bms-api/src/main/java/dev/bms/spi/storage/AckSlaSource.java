package dev.bms.spi.storage;

import dev.bms.api.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alert acknowledgement figures for the SLA report (table 7.3). The alert store implements it and
 * exposes it through {@link Storage#ackSlaSource()}; until then the report says "no data".
 */
public interface AckSlaSource {

  /** Per severity: alerts raised in {@code [from, to)}, how many were acknowledged, and the average time to do so. */
  List<AckStats> acknowledgementStats(Instant from, Instant to);

  /**
   * Acknowledgement figures of one severity.
   *
   * @param severity the severity
   * @param alerts raised in the period
   * @param acknowledged of those, acknowledged
   * @param averageAck average time from raising to acknowledging, when any was acknowledged
   */
  record AckStats(Severity severity, long alerts, long acknowledged, Optional<Duration> averageAck) {
    public AckStats {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(averageAck, "averageAck");
    }
  }
}
