package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Retention's decisions for every restore point of a job at one moment: a dry run
 * ({@code retention().preview(jobId)}) or what {@code apply} acted on.
 *
 * @param jobId the job
 * @param evaluatedAt the moment the policy was evaluated at
 * @param decisions one per copy of each restore point, newest restore point first
 * @since 0.1.0
 */
public record RetentionPlan(JobId jobId, Instant evaluatedAt, List<RetentionDecision> decisions) {
  public RetentionPlan {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    decisions = List.copyOf(decisions);
  }

  /** The copies that would be deleted. */
  public List<RetentionDecision> toDelete() {
    return decisions.stream().filter(d -> d.verdict() == RetentionDecision.Verdict.DELETE).toList();
  }
}
