package dev.bms.api.restore;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Restore time as evidence: the bytes of the job's newest restore point divided by the throughput
 * last measured restoring from the copy a restore would read first.
 *
 * @param jobId the job
 * @param restorePoint its newest restore point
 * @param bytes that restore point's size
 * @param copyName the copy whose measured throughput is used
 * @param bytesPerSecond that throughput
 * @param measuredAt when it was measured
 * @param estimate bytes ÷ throughput
 * @param target the job's restore-time objective, if set
 * @since 0.1.0
 */
public record RestoreTimeEstimate(JobId jobId, ExecutionId restorePoint, long bytes, String copyName,
                                  double bytesPerSecond, Instant measuredAt, Duration estimate,
                                  Optional<Duration> target) {
  public RestoreTimeEstimate {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(measuredAt, "measuredAt");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(target, "target");
  }

  /** False when a target is set and the estimate exceeds it. */
  public boolean meetsTarget() {
    return target.map(t -> estimate.compareTo(t) <= 0).orElse(true);
  }
}
