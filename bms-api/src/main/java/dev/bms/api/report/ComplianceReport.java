package dev.bms.api.report;

import dev.bms.api.model.JobCompliance;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * 3-2-1-1-0 compliance across jobs (table 7.2): per rule and overall, with every job's verdicts.
 *
 * @param rules one row per rule, built-in digits first
 * @param overall jobs whose every rule passed
 * @param jobs every job's verdicts, by job id
 * @param target the target share of compliant jobs, e.g. 0.95
 * @param generatedAt when
 * @since 0.1.0
 */
public record ComplianceReport(List<RuleComplianceRow> rules, RuleComplianceRow overall, List<JobCompliance> jobs,
                               double target, Instant generatedAt) implements Report {
  public ComplianceReport {
    rules = List.copyOf(rules);
    Objects.requireNonNull(overall, "overall");
    jobs = List.copyOf(jobs);
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  @Override
  public String title() {
    return "3-2-1-1-0 compliance";
  }

  /** Whether the overall rate reaches the target (false without jobs). */
  public boolean meetsTarget() {
    return overall.total() > 0 && overall.rate() >= target;
  }
}
