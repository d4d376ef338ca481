package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One fire time of a job and what became of it. Stored with {@code UNIQUE(job_id, scheduled_for)}:
 * recording a fire twice records it once.
 *
 * @param jobId the job
 * @param scheduledFor the fire time
 * @param outcome what became of it
 * @param execution for {@link Outcome#FIRED}: the PENDING execution it makes
 * @since 0.1.0
 */
public record Fire(JobId jobId, Instant scheduledFor, Outcome outcome, Optional<QueuedExecution> execution) {
  public Fire {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(execution, "execution");
    if ((outcome == Outcome.FIRED) != execution.isPresent()) {
      throw new IllegalArgumentException("a FIRED fire needs an execution, and only a FIRED one: " + outcome);
    }
  }

  /** What became of a fire time. */
  public enum Outcome {
    /** It made an execution. */
    FIRED,
    /** It was missed and is covered by a later catch-up run (misfire policy CATCH_UP_ONCE). */
    COALESCED,
    /** It was missed and dropped (misfire policy SKIP). */
    SKIPPED
  }
}
