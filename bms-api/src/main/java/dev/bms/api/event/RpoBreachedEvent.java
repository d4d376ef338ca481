package dev.bms.api.event;

import dev.bms.api.model.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job has no successful backup within its RPO. Published when the breach is detected (and again
 * while it lasts, at most once per check); a later successful execution ends it.
 *
 * @param job the job
 * @param rpo its recovery point objective
 * @param lastSuccessAt when its last successful execution finished, if ever
 * @param at when the breach was detected
 * @since 0.1.0
 */
public record RpoBreachedEvent(Job job, Duration rpo, Optional<Instant> lastSuccessAt, Instant at) implements BmsEvent {
  public RpoBreachedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(rpo, "rpo");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    Objects.requireNonNull(at, "at");
  }
}
