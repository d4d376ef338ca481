package dev.bms.api.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Backup success rate per period (table 7.1).
 *
 * @param from start of the reported range
 * @param to end (exclusive)
 * @param bucket day or week
 * @param rows one per period in order, empty periods included
 * @param total the whole range
 * @param target the target success rate, e.g. 0.95
 * @param generatedAt when
 * @since 0.1.0
 */
public record SuccessRateReport(Instant from, Instant to, ReportBucket bucket, List<SuccessRateRow> rows,
                                SuccessRateRow total, double target, Instant generatedAt) implements Report {
  public SuccessRateReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(bucket, "bucket");
    rows = List.copyOf(rows);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  @Override
  public String title() {
    return "Backup success rate";
  }

  /** Whether the total rate reaches the target (false without executions). */
  public boolean meetsTarget() {
    return total.executions() > 0 && total.successRate() >= target;
  }
}
