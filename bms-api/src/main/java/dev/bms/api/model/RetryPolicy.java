package dev.bms.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed copies and abandoned executions are retried: up to {@code maxAttempts} attempts in
 * all, waiting {@code initialBackoff} then multiplying by {@code multiplier} up to {@code maxBackoff}.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff wait before the second attempt
 * @param multiplier growth of the wait per attempt, at least 1
 * @param maxBackoff upper bound of the wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoffs must not be negative");
    }
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** Exponential backoff doubling from {@code initial} up to {@code max}. */
  public static RetryPolicy exponential(int maxAttempts, Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, 2.0, max);
  }

  /** The wait before attempt number {@code attempt} (2 for the first retry). */
  public Duration backoffBefore(int attempt) {
    if (attempt <= 1) {
      return Duration.ZERO;
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 2);
    return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
  }
}
