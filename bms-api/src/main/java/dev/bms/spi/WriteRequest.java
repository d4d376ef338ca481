package dev.bms.spi;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a target is asked to write: identifies the restore point so the target can name it.
 *
 * @param jobId the job
 * @param jobName the job's name (may contain spaces; sanitize before using in paths)
 * @param executionId the execution; unique per restore point
 * @param copyName the copy's name within the job
 * @param startedAt when the execution started
 */
public record WriteRequest(JobId jobId, String jobName, ExecutionId executionId, String copyName, Instant startedAt) {
  public WriteRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
