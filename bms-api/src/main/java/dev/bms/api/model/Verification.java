package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that a restore point was checked: which one, how, when, and what was found per copy.
 *
 * @param executionId the restore point (the execution that wrote it)
 * @param jobId its job
 * @param level how it was checked
 * @param startedAt when checking began
 * @param finishedAt when it ended
 * @param copies one result per successful copy of the execution
 * @since 0.1.0
 */
public record Verification(ExecutionId executionId, JobId jobId, VerificationLevel level, Instant startedAt,
                           Instant finishedAt, List<CopyVerification> copies) {
  public Verification {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    copies = List.copyOf(copies);
  }

  /** True when at least one copy was checked and every checked copy passed. */
  public boolean passed() {
    return !copies.isEmpty() && copies.stream().allMatch(CopyVerification::passed);
  }
}
