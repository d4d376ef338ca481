package dev.bms.spi;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where a plugin records its own measurements, through the manager's metrics (Micrometer in bms
 * core): {@code metrics.increment("uploads", 1, "result", "ok")} becomes the counter
 * {@code bms.plugin.uploads} with the tags {@code plugin} (the factory's type) and {@code result}.
 * Names are lowercase dotted words ({@code multipart.parts}); tags come as key/value pairs. Never
 * put a secret, a path with user data or any other unbounded value in a tag.
 *
 * <p>Implementations are thread-safe. {@link #none()} records nothing, for plugins used without a
 * manager (tests, tools).
 *
 * @since 0.1.0
 */
public interface PluginMetrics {

  /** The form names must have: lowercase words of letters and digits separated by dots. */
  Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

  /**
   * Adds {@code amount} to a counter.
   *
   * @param name e.g. {@code "uploads"}, matching {@link #NAME}
   * @param amount at least 0
   * @param tags key/value pairs, an even number of strings
   * @throws IllegalArgumentException when the name, amount or tags are malformed
   */
  void increment(String name, long amount, String... tags);

  /**
   * Records one duration on a timer.
   *
   * @param name e.g. {@code "connect"}, matching {@link #NAME}
   * @param duration not negative
   * @param tags key/value pairs, an even number of strings
   * @throws IllegalArgumentException when the name, duration or tags are malformed
   */
  void record(String name, Duration duration, String... tags);

  /** Metrics that record nothing (but still check their arguments). */
  static PluginMetrics none() {
    return new PluginMetrics() {
      @Override
      public void increment(String name, long amount, String... tags) {
        check(name, tags);
        if (amount < 0) {
          throw new IllegalArgumentException("amount " + amount + " must not be negative");
        }
      }

      @Override
      public void record(String name, Duration duration, String... tags) {
        check(name, tags);
        if (duration.isNegative()) {
          throw new IllegalArgumentException("duration " + duration + " must not be negative");
        }
      }

      @Override
      public String toString() {
        return "PluginMetrics.none()";
      }
    };
  }

  /**
   * Checks a name and tags as every implementation must.
   *
   * @throws IllegalArgumentException when the name does not match {@link #NAME} or the tags are
   *     not key/value pairs of non-null strings
   */
  static void check(String name, String... tags) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("metric name '" + name + "' must be lowercase dotted words, e.g. uploads.failed");
    }
    if (tags.length % 2 != 0) {
      throw new IllegalArgumentException("tags of " + name + " must be key/value pairs, got " + tags.length + " strings");
    }
    for (String t : tags) {
      if (t == null) {
        throw new IllegalArgumentException("tags of " + name + " must not be null");
      }
    }
  }
}
