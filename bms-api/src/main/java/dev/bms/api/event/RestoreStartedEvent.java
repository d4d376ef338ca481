package dev.bms.api.event;

import dev.bms.api.model.Job;
import dev.bms.api.restore.RestoreExecution;
import java.time.Instant;
import java.util.Objects;

/**
 * A restore started.
 *
 * @param job the job whose restore point is restored
 * @param restore its record as it started
 * @param at when
 * @since 0.1.0
 */
public record RestoreStartedEvent(Job job, RestoreExecution restore, Instant at) implements BmsEvent {
  public RestoreStartedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(at, "at");
  }
}
