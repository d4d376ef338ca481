package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduler's state of one job, derived from its definition.
 *
 * @param jobId the job
 * @param jobVersion the job version it was derived from; recomputed when the job changes
 * @param fingerprint the schedule and misfire policy as text; when unchanged, a new job version
 *     keeps {@code nextFireAt}
 * @param enabled whether the job was enabled
 * @param nextFireAt the next fire time; empty for manual schedules and disabled jobs
 * @param rpo the job's recovery point objective
 * @param rpoNotifiedAt when an RPO breach of this job was last published (by any instance)
 * @param updatedAt when this state was written
 * @since 0.1.0
 */
public record ScheduleState(JobId jobId, long jobVersion, String fingerprint, boolean enabled,
                            Optional<Instant> nextFireAt, Optional<Duration> rpo, Optional<Instant> rpoNotifiedAt,
                            Instant updatedAt) {
  public ScheduleState {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(nextFireAt, "nextFireAt");
    Objects.requireNonNull(rpo, "rpo");
    Objects.requireNonNull(rpoNotifiedAt, "rpoNotifiedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
