package dev.bms.core.internal.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * A warning that would repeat (a lasting RPO breach checked every minute, for every job) is logged
 * once per key and then at most once per {@code interval}; the next one that is logged says how many
 * were left out meanwhile. Keys are forgotten when their condition ends ({@link #reset}), so a new
 * occurrence is logged at once.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimitedLog(Logger log, Clock clock, Duration interval) {
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
  }

  /**
   * Logs {@code format} at WARN unless a warning of {@code key} was logged less than an interval ago.
   *
   * @return whether it was logged
   */
  public boolean warn(String key, String format, Object... args) {
    Instant now = clock.instant();
    long[] suppressed = {-1};
    windows.compute(key, (k, w) -> {
      if (w == null || !now.isBefore(w.loggedAt.plus(interval))) {
        suppressed[0] = w == null ? 0 : w.suppressed;
        return new Window(now, 0);
      }
      return new Window(w.loggedAt, w.suppressed + 1);
    });
    if (suppressed[0] < 0) {
      return false;
    }
    if (suppressed[0] == 0) {
      log.warn(format, args);
    } else {
      Object[] withCount = java.util.Arrays.copyOf(args, args.length + 1);
      withCount[args.length] = suppressed[0];
      log.warn(format + " ({} repeats not logged)", withCount);
    }
    return true;
  }

  /** The condition of {@code key} ended: its next warning is logged at once. */
  public void reset(String key) {
    windows.remove(key);
  }

  private record Window(Instant loggedAt, long suppressed) {
  }
}
