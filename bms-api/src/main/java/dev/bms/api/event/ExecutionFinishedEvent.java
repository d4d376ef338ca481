package dev.bms.api.event;

import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * An execution reached a terminal status (succeeded, partial, failed, cancelled, timed out,
 * abandoned, interrupted), with every copy result.
 *
 * @param job the job, as defined when the execution ran
 * @param execution the finished execution
 * @param at when it finished
 * @since 0.1.0
 */
public record ExecutionFinishedEvent(Job job, Execution execution, Instant at) implements BmsEvent {
  public ExecutionFinishedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(at, "at");
  }
}
