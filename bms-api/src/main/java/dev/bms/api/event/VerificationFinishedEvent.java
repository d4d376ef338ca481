package dev.bms.api.event;

import dev.bms.api.model.Job;
import dev.bms.api.model.Verification;
import java.time.Instant;
import java.util.Objects;

/**
 * A verification of a restore point finished, passed or not ({@link Verification#passed()}).
 *
 * @param job the job
 * @param verification the evidence
 * @param at when it finished
 * @since 0.1.0
 */
public record VerificationFinishedEvent(Job job, Verification verification, Instant at) implements BmsEvent {
  public VerificationFinishedEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(at, "at");
  }
}
