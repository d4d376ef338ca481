package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One copy retention deleted, or tried to delete, with the rule that expired it.
 *
 * @param jobId the job
 * @param executionId the execution that wrote the copy (the restore point)
 * @param copyName the copy's name within the job
 * @param targetType the target plugin type holding it
 * @param location where the target keeps it
 * @param rule the retention rule that expired it, e.g. {@code "keepLast=3: not among the newest 3"}
 * @param outcome what happened
 * @param detail why a deletion failed or was skipped
 * @param at when it was attempted
 * @since 0.1.0
 */
public record RetentionDeletion(JobId jobId, ExecutionId executionId, String copyName, String targetType,
                                String location, String rule, Outcome outcome, Optional<String> detail, Instant at) {
  public RetentionDeletion {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }

  /** What happened to an expired copy. */
  public enum Outcome {
    /** The target deleted it. */
    DELETED,
    /** The copy is immutable (retention lock); it was left alone and is retried on a later pass. */
    LOCKED,
    /** The target failed to delete it; retried on a later pass. */
    FAILED
  }
}
