package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What retention decides for one copy of one restore point, and why.
 *
 * @param executionId the execution that wrote the copy
 * @param copyName the copy's name within the job
 * @param targetType the target plugin type holding it
 * @param location where the target keeps it
 * @param restorePointAt when the restore point was taken (its execution's creation time)
 * @param verdict keep, delete, or keep although expired (protected, locked)
 * @param reason the rule that keeps or expires it, e.g. {@code "daily: newest of 2025-03-04"}
 * @since 0.1.0
 */
public record RetentionDecision(ExecutionId executionId, String copyName, String targetType, Optional<String> location,
                                Instant restorePointAt, Verdict verdict, String reason) {
  public RetentionDecision {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(restorePointAt, "restorePointAt");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  /** The decision for one copy. */
  public enum Verdict {
    /** A rule of the policy keeps it. */
    KEEP,
    /** No rule keeps it: it is deleted. */
    DELETE,
    /** Expired, but it is the job's last verified good restore point: never deleted. */
    PROTECTED,
    /** Expired, but immutable until its retention lock ends: deleted on a later pass. */
    LOCKED
  }
}
