package dev.bms.api.event;

import dev.bms.api.model.Job;
import dev.bms.api.restore.RestoreTimeEstimate;
import java.time.Instant;
import java.util.Objects;

/**
 * The measured restore time of a job's newest restore point was (re)computed against its RTO target.
 *
 * @param job the job
 * @param estimate the evidence ({@link RestoreTimeEstimate#meetsTarget()})
 * @param at when
 * @since 0.1.0
 */
public record RtoEvaluatedEvent(Job job, RestoreTimeEstimate estimate, Instant at) implements BmsEvent {
  public RtoEvaluatedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(at, "at");
  }
}
