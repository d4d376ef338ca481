package dev.bms.api.event;

import dev.bms.api.model.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * The scheduler could not plan a job (its next fire time, RPO check or retry could not be
 * computed, e.g. a duration stored before bounds were enforced overflowed). The job is skipped
 * until it is fixed; every other job keeps firing. Raises the {@code scheduling-failed} alert.
 *
 * @param job the job
 * @param problem what failed, for people
 * @param at when it was detected
 * @since 0.1.0
 */
public record JobSchedulingFailedEvent(Job job, String problem, Instant at) implements BmsEvent {
  public JobSchedulingFailedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(at, "at");
  }
}
