package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * A job's verification policy with its rotation state.
 *
 * @param jobId the job
 * @param policy the policy
 * @param dueAt when the next run is due
 * @param slice the sample slice the next run checks (0 when not sampled)
 * @since 0.1.0
 */
public record DuePolicy(JobId jobId, VerificationPolicy policy, Instant dueAt, int slice) {
  public DuePolicy {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
