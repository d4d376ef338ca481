package dev.bms.api.event;

import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * An execution started running (managed) or was begun by an external tool (reported).
 *
 * @param job the job, as defined when the execution started
 * @param execution the RUNNING execution
 * @param at when it started
 * @since 0.1.0
 */
public record ExecutionStartedEvent(Job job, Execution execution, Instant at) implements BmsEvent {
  public ExecutionStartedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(at, "at");
  }
}
