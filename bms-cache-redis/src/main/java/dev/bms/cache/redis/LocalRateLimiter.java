package dev.bms.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bms.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Objects;

/**
 * A fixed-window limiter in this JVM: at most {@code permits} per key in each window of
 * {@code interval} starting at the key's first use. Windows of idle keys are forgotten after
 * one interval.
 */
final class LocalRateLimiter implements RateLimiter {
  private final long permits;
  private final long intervalNanos;
  private final Cache<String, Window> windows;

  LocalRateLimiter(long permits, Duration interval) {
    this.permits = permits;
    this.intervalNanos = interval.toNanos();
    this.windows = Caffeine.newBuilder().expireAfterAccess(interval).maximumSize(100_000).build();
  }

  @Override
  public boolean tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    Window window = windows.get(key, k -> new Window());
    synchronized (window) {
      long now = System.nanoTime();
      if (now - window.start >= intervalNanos) {
        window.start = now;
        window.used = 0;
      }
      if (window.used < permits) {
        window.used++;
        return true;
      }
      return false;
    }
  }

  private static final class Window {
    long start = System.nanoTime();
    long used;
  }
}
