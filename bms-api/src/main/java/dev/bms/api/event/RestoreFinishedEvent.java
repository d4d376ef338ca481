package dev.bms.api.event;

import dev.bms.api.model.Job;
import dev.bms.api.restore.RestoreExecution;
import java.time.Instant;
import java.util.Objects;

/**
 * A restore ended: succeeded, failed, cancelled or timed out ({@link RestoreExecution#status()}).
 *
 * @param job the job whose restore point was restored
 * @param restore its final record
 * @param at when
 * @since 0.1.0
 */
public record RestoreFinishedEvent(Job job, RestoreExecution restore, Instant at) implements BmsEvent {
  public RestoreFinishedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(at, "at");
  }
}
