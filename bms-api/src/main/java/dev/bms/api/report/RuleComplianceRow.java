package dev.bms.api.report;

import java.util.Objects;

/**
 * One rule across jobs (a row of table 7.2).
 *
 * @param ruleId e.g. {@code "3-copies"}, or {@code "overall"}
 * @param label e.g. {@code "3 Copies"}
 * @param passing jobs with PASS
 * @param failing jobs with FAIL
 * @param unknown jobs with UNKNOWN
 * @since 0.1.0
 */
public record RuleComplianceRow(String ruleId, String label, long passing, long failing, long unknown) {
  public RuleComplianceRow {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(label, "label");
  }

  /** Jobs judged. */
  public long total() {
    return passing + failing + unknown;
  }

  /** passing / total; 0 without jobs. Only PASS counts as compliant. */
  public double rate() {
    return total() == 0 ? 0 : (double) passing / total();
  }
}
