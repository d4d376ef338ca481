package dev.bms.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job stands with its schedule and its RPO.
 *
 * @param jobId the job
 * @param nextFireAt its next scheduled fire, if it has a schedule and is enabled
 * @param lastSuccessAt when its newest successful execution finished
 * @param rpo its recovery point objective
 * @param rpoBreached whether it has no successful backup within its RPO now
 * @param missedFires recent fire times that produced no execution of their own, newest first
 * @since 0.1.0
 */
public record JobStatus(JobId jobId, Optional<Instant> nextFireAt, Optional<Instant> lastSuccessAt,
                        Optional<Duration> rpo, boolean rpoBreached, List<Instant> missedFires) {
  public JobStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(nextFireAt, "nextFireAt");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    Objects.requireNonNull(rpo, "rpo");
    missedFires = List.copyOf(missedFires);
  }

  /** True when the RPO holds and no recent fire was missed. */
  public boolean healthy() {
    return !rpoBreached && missedFires.isEmpty();
  }
}
