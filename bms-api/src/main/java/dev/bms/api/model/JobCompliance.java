package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job judged against every compliance rule.
 *
 * @param jobId the job
 * @param jobName its name when evaluated
 * @param status FAIL if any rule failed, else UNKNOWN if any rule could not tell, else PASS
 * @param results one verdict per rule, built-in rules first ({@code 3-copies}, {@code 2-media},
 *     {@code 1-offsite}, {@code 1-immutable}, {@code 0-errors}), then custom rules by id
 * @param restorePoint the execution whose copies were counted, if the job has one
 * @param evaluatedAt when
 * @since 0.1.0
 */
public record JobCompliance(JobId jobId, String jobName, ComplianceStatus status, List<RuleResult> results,
                            Optional<ExecutionId> restorePoint, Instant evaluatedAt) {
  public JobCompliance {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(status, "status");
    results = List.copyOf(results);
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
  }

  /** FAIL if any result failed, else UNKNOWN if any is unknown, else PASS (also for no results). */
  public static ComplianceStatus overall(List<RuleResult> results) {
    if (results.stream().anyMatch(r -> r.status() == ComplianceStatus.FAIL)) {
      return ComplianceStatus.FAIL;
    }
    if (results.stream().anyMatch(r -> r.status() == ComplianceStatus.UNKNOWN)) {
      return ComplianceStatus.UNKNOWN;
    }
    return ComplianceStatus.PASS;
  }

  /** The verdict of one rule, if it was evaluated. */
  public Optional<RuleResult> result(String ruleId) {
    return results.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
  }
}
