package dev.bms.api.approval;

import dev.bms.api.InvalidRequestException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which destructive changes need a second actor's approval, and for how long a request waits. Give
 * it to {@code BmsBuilder.fourEyes(...)}; without it (the default) nothing is held.
 *
 * <pre>{@code
 * Bms.builder()...fourEyes(FourEyesPolicy.defaults()                        // every GuardedAction
 *     .without(GuardedAction.DELETE_RESTORE_POINTS)                         // except these
 *     .withExpiry(Duration.ofHours(8))                                      // default 24 h
 *     .withCriticalSilenceThreshold(Duration.ofHours(2)))                   // default 4 h
 * }</pre>
 *
 * @param guarded the actions that need approval; may be empty (then nothing is held)
 * @param expiry how long a request waits for a decision: 1 minute to 90 days
 * @param criticalSilenceThreshold the longest silence of critical alerts that needs no approval:
 *     zero to 90 days
 * @since 0.2.0
 */
public record FourEyesPolicy(Set<GuardedAction> guarded, Duration expiry, Duration criticalSilenceThreshold) {
  /** The default {@link #expiry()}: 24 hours. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
  /** The default {@link #criticalSilenceThreshold()}: 4 hours. */
  public static final Duration DEFAULT_CRITICAL_SILENCE_THRESHOLD = Duration.ofHours(4);
  /** The longest {@link #expiry()} and {@link #criticalSilenceThreshold()}: 90 days. */
  public static final Duration MAX_DURATION = Duration.ofDays(90);

  /**
   * Validates the policy.
   *
   * @throws InvalidRequestException naming the field when {@code guarded} is null or holds null, or
   *     a duration is null or out of bounds
   */
  public FourEyesPolicy {
    if (guarded == null || guarded.contains(null)) {
      throw new InvalidRequestException("fourEyes.guarded: must be a set of actions without null");
    }
    guarded = guarded.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(guarded));
    if (expiry == null || expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(MAX_DURATION) > 0) {
      throw new InvalidRequestException("fourEyes.expiry: " + expiry + " must be between PT1M and " + MAX_DURATION);
    }
    if (criticalSilenceThreshold == null || criticalSilenceThreshold.isNegative()
        || criticalSilenceThreshold.compareTo(MAX_DURATION) > 0) {
      throw new InvalidRequestException("fourEyes.criticalSilenceThreshold: " + criticalSilenceThreshold
          + " must be between zero and " + MAX_DURATION);
    }
  }

  /** Every {@link GuardedAction}, requests expiring after 24 hours, critical silences over 4 hours held. */
  public static FourEyesPolicy defaults() {
    return new FourEyesPolicy(EnumSet.allOf(GuardedAction.class), DEFAULT_EXPIRY, DEFAULT_CRITICAL_SILENCE_THRESHOLD);
  }

  /** Only {@code actions} (and the default durations). */
  public static FourEyesPolicy guarding(GuardedAction... actions) {
    Objects.requireNonNull(actions, "actions");
    return new FourEyesPolicy(Set.copyOf(Arrays.asList(actions)), DEFAULT_EXPIRY, DEFAULT_CRITICAL_SILENCE_THRESHOLD);
  }

  /** This policy without {@code actions}: those run directly. */
  public FourEyesPolicy without(GuardedAction... actions) {
    EnumSet<GuardedAction> left = guarded.isEmpty() ? EnumSet.noneOf(GuardedAction.class) : EnumSet.copyOf(guarded);
    left.removeAll(Arrays.asList(Objects.requireNonNull(actions, "actions")));
    return new FourEyesPolicy(left, expiry, criticalSilenceThreshold);
  }

  /** This policy with requests expiring {@code expiry} after they are made. */
  public FourEyesPolicy withExpiry(Duration expiry) {
    return new FourEyesPolicy(guarded, expiry, criticalSilenceThreshold);
  }

  /** This policy holding silences of critical alerts longer than {@code threshold}. */
  public FourEyesPolicy withCriticalSilenceThreshold(Duration threshold) {
    return new FourEyesPolicy(guarded, expiry, threshold);
  }

  /** Whether {@code action} needs approval. */
  public boolean guards(GuardedAction action) {
    return guarded.contains(action);
  }
}
