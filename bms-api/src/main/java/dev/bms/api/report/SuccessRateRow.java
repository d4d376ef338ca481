package dev.bms.api.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One period of a success-rate report (a row of table 7.1).
 *
 * @param label e.g. {@code "Week 1"} or {@code "Total"}
 * @param from start of the period
 * @param to end of the period (exclusive)
 * @param executions terminal executions finished in the period, cancelled ones excluded
 * @param succeeded SUCCEEDED ones
 * @param partial PARTIAL ones (some copies failed)
 * @param failed the rest: FAILED, TIMED_OUT, ABANDONED, INTERRUPTED
 * @since 0.1.0
 */
public record SuccessRateRow(String label, Instant from, Instant to, long executions, long succeeded, long partial,
                             long failed) {
  public SuccessRateRow {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (executions != succeeded + partial + failed) {
      throw new IllegalArgumentException("executions " + executions + " != succeeded + partial + failed");
    }
  }

  /** succeeded / executions; 0 when there were none. */
  public double successRate() {
    return executions == 0 ? 0 : (double) succeeded / executions;
  }
}
