package dev.bms.spi;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target is asked to write: identifies the restore point so the target can name it, and
 * says how long bms means to keep it.
 *
 * @param jobId the job
 * @param jobName the job's name (may contain spaces; sanitize before using in paths)
 * @param executionId the execution; unique per restore point
 * @param copyName the copy's name within the job
 * @param startedAt when the execution started
 * @param retainUntil the retention lock bms asks for, derived from the copy's retention policy
 *     ({@code startedAt + keepWithin} when the policy keeps every point for a time; empty when the
 *     policy promises no time for one restore point, e.g. GFS counts or keep-last). A target that
 *     locks copies locks each one at least until this instant; a target without locks ignores it.
 * @since 0.1.0
 */
public record WriteRequest(JobId jobId, String jobName, ExecutionId executionId, String copyName, Instant startedAt,
                           Optional<Instant> retainUntil) {
  public WriteRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(retainUntil, "retainUntil");
    if (retainUntil.isPresent() && retainUntil.get().isBefore(startedAt)) {
      throw new IllegalArgumentException("retainUntil " + retainUntil.get() + " is before startedAt " + startedAt);
    }
  }

  /** A request that asks for no retention lock. */
  public WriteRequest(JobId jobId, String jobName, ExecutionId executionId, String copyName, Instant startedAt) {
    this(jobId, jobName, executionId, copyName, startedAt, Optional.empty());
  }

  /** This request, asking for a lock until {@code until}. */
  public WriteRequest withRetainUntil(Instant until) {
    return new WriteRequest(jobId, jobName, executionId, copyName, startedAt, Optional.of(until));
  }
}
