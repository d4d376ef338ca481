package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How fast alerts raised in {@code [from, to)} were acknowledged, per severity, and which missed
 * their SLA. Reports render it; it holds facts only.
 *
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param bySeverity one entry per severity, most severe first
 * @param breaches the alerts raised in the period that missed their SLA, oldest first
 * @since 0.1.0
 */
public record AckSlaReport(Instant from, Instant to, List<SeverityAckStats> bySeverity, List<SlaBreach> breaches) {
  public AckSlaReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    bySeverity = List.copyOf(bySeverity);
    breaches = List.copyOf(breaches);
  }

  /** The figures of one severity. */
  public SeverityAckStats of(Severity severity) {
    return bySeverity.stream().filter(s -> s.severity() == severity).findFirst().orElseThrow();
  }
}
