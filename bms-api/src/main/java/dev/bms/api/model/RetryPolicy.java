package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
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
 * @since 0.1.0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

  /** The most attempts a policy may make. */
  public static final int MAX_ATTEMPTS = 100;
  /** The largest multiplier. */
  public static final double MAX_MULTIPLIER = 100.0;
  /** The longest backoff: 30 days. */
  public static final Duration MAX_BACKOFF = Duration.ofDays(30);
  // after the bounds: the constructor reads them
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

  /**
   * Validates the policy.
   *
   * @throws InvalidRequestException naming the field and its value when it is out of bounds:
   *     {@code maxAttempts} 1 to {@value #MAX_ATTEMPTS}, {@code multiplier} a finite number from 1
   *     to {@value #MAX_MULTIPLIER}, backoffs from zero to {@link #MAX_BACKOFF} (30 days)
   */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new InvalidRequestException("retry.maxAttempts: " + maxAttempts + " must be between 1 and " + MAX_ATTEMPTS);
    }
    if (!Double.isFinite(multiplier) || multiplier < 1.0 || multiplier > MAX_MULTIPLIER) {
      throw new InvalidRequestException("retry.multiplier: " + multiplier + " must be a finite number between 1 and "
          + MAX_MULTIPLIER);
    }
    requireBackoff("retry.initialBackoff", initialBackoff);
    requireBackoff("retry.maxBackoff", maxBackoff);
  }

  private static void requireBackoff(String field, Duration d) {
    if (d.isNegative() || d.compareTo(MAX_BACKOFF) > 0) {
      throw new InvalidRequestException(field + ": " + d + " must be between zero and " + MAX_BACKOFF + " (30 days)");
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
