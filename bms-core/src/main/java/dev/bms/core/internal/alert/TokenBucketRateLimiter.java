package dev.bms.core.internal.alert;

import dev.bms.spi.ratelimit.RateLimiter;
import dev.bms.spi.ratelimit.RateLimiterFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local default {@link RateLimiter}: a token bucket per key holding up to {@code permits}
 * tokens, refilled continuously at {@code permits / interval}, on the injected clock. Limits hold
 * per instance; bms-cache-redis provides cluster-wide ones.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
  private final long permits;
  private final double tokensPerNano;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBucketRateLimiter(long permits, Duration interval, Clock clock) {
    if (permits < 1 || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("permits and interval must be positive: " + permits + ", " + interval);
    }
    this.permits = permits;
    this.tokensPerNano = (double) permits / interval.toNanos();
    this.clock = clock;
  }

  /** A factory of local limiters on this clock. */
  public static RateLimiterFactory factory(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return (name, permits, interval) -> new TokenBucketRateLimiter(permits, interval, clock);
  }

  @Override
  public boolean tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    long now = nanos();
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(permits, now));
    synchronized (b) {
      long elapsed = Math.max(0, now - b.at);
      b.tokens = Math.min(permits, b.tokens + elapsed * tokensPerNano);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
