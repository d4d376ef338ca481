package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler decided for one due job: the fires to record and the next fire time.
 *
 * @param jobId the job
 * @param fires fire times that passed, oldest first
 * @param nextFireAt the next fire time after now; empty when the job no longer fires
 * @since 0.1.0
 */
public record FirePlan(JobId jobId, List<Fire> fires, Optional<Instant> nextFireAt) {
  public FirePlan {
    Objects.requireNonNull(jobId, "jobId");
    fires = List.copyOf(fires);
    Objects.requireNonNull(nextFireAt, "nextFireAt");
  }
}
