package dev.bms.api.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alert acknowledgement times against SLA (table 7.3).
 *
 * @param from start of the period
 * @param to end (exclusive)
 * @param rows one per severity, most severe first; empty when there is no data
 * @param noDataReason why there are no rows (no alert raised in the period), if so
 * @param generatedAt when
 * @since 0.1.0
 */
public record AlertAckReport(Instant from, Instant to, List<AckRow> rows, Optional<String> noDataReason,
                             Instant generatedAt) implements Report {
  public AlertAckReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    rows = List.copyOf(rows);
    Objects.requireNonNull(noDataReason, "noDataReason");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  @Override
  public String title() {
    return "Alert acknowledgement";
  }
}
