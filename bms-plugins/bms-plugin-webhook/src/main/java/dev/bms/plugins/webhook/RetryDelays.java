package dev.bms.plugins.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before the next attempt: {@code initial}, doubling after each failed attempt,
 * never more than {@code max}. A server's {@code Retry-After} (seconds or an HTTP date) replaces
 * the computed wait, but is capped at {@code max} too, so one hostile or confused server cannot
 * park a notifier thread for an hour.
 *
 * @param initial the wait after the first failed attempt
 * @param max the longest wait
 */
record RetryDelays(Duration initial, Duration max) {
  RetryDelays {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max: " + initial + ", " + max);
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  Duration afterAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based: " + attempt);
    }
    Duration wait = initial;
    for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /** The server's Retry-After when it parses (capped at max), else the computed wait. */
  Duration afterAttempt(int attempt, Optional<String> retryAfter, Clock clock) {
    return retryAfter.flatMap(value -> parseRetryAfter(value, clock))
        .map(wait -> wait.compareTo(max) > 0 ? max : wait)
        .orElseGet(() -> afterAttempt(attempt));
  }

  /** {@code Retry-After: 120} or {@code Retry-After: Wed, 21 Oct 2015 07:28:00 GMT}. */
  static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    String v = value.trim();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
