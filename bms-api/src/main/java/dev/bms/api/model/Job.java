package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored job: its id, its current definition, and bookkeeping.
 *
 * @param id the job's identity
 * @param definition what the job does
 * @param version incremented on every update (optimistic concurrency)
 * @param createdAt when the job was created
 * @param updatedAt when the definition last changed
 * @since 0.1.0
 */
public record Job(JobId id, BackupJob definition, long version, Instant createdAt, Instant updatedAt) {
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The job's name (shorthand for {@code definition().name()}). */
  public String name() {
    return definition.name();
  }

  /** Whether the scheduler fires this job. */
  public boolean enabled() {
    return definition.enabled();
  }
}
