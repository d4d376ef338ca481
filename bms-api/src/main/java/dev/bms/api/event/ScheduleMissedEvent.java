package dev.bms.api.event;

import dev.bms.api.model.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled fire time passed without producing an execution (no instance ran, or the misfire
 * policy skipped it).
 *
 * @param job the job
 * @param scheduledFor the fire time that was missed
 * @param at when the miss was detected
 * @since 0.1.0
 */
public record ScheduleMissedEvent(Job job, Instant scheduledFor, Instant at) implements BmsEvent {
  public ScheduleMissedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(at, "at");
  }
}
