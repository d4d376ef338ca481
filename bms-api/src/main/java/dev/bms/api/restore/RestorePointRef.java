package dev.bms.api.restore;

import dev.bms.api.model.Inputs;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Instant;

/**
 * Which restore point to restore from: a named execution, the newest restore point of a job, or
 * the newest one of a job created at or before an instant ("as of").
 *
 * @since 0.1.0
 */
public sealed interface RestorePointRef {

  /** The restore point written by this execution. */
  static RestorePointRef execution(ExecutionId id) {
    return new Exact(id);
  }

  /** The job's newest restore point. */
  static RestorePointRef latest(JobId jobId) {
    return new AsOf(jobId, Instant.MAX);
  }

  /** The job's newest restore point created at or before {@code at}. */
  static RestorePointRef asOf(JobId jobId, Instant at) {
    return new AsOf(jobId, at);
  }

  /**
   * A named execution.
   *
   * @param executionId the execution whose restore point is meant
   */
  record Exact(ExecutionId executionId) implements RestorePointRef {
    public Exact {
      Inputs.requireArgument("executionId", executionId);
    }
  }

  /**
   * The newest restore point of a job at or before an instant.
   *
   * @param jobId the job
   * @param at the instant; {@link Instant#MAX} for the newest
   */
  record AsOf(JobId jobId, Instant at) implements RestorePointRef {
    public AsOf {
      Inputs.requireArgument("jobId", jobId);
      Inputs.requireArgument("at", at);
    }
  }
}
