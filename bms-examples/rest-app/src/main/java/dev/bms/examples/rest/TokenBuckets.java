package dev.bms.examples.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One token bucket per client key. A request takes one token; tokens come back at
 * {@link RateLimit#refillPerSecond()} up to {@link RateLimit#capacity()}. Buckets of clients idle
 * for ten minutes are dropped (a full bucket is what a new client gets anyway), which bounds memory
 * when keys are client addresses.
 */
final class TokenBuckets {
  private final RateLimit limit;
  private final LongSupplier nanoTime;
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofMinutes(10))
      .maximumSize(100_000)
      .build();

  TokenBuckets(RateLimit limit, LongSupplier nanoTime) {
    this.limit = limit;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token from {@code key}'s bucket.
   *
   * @return 0 when the request may proceed, else the whole seconds until a token is back (at least 1)
   */
  long tryAcquire(String key) {
    return buckets.get(key, k -> new Bucket(limit.capacity(), nanoTime.getAsLong())).tryTake();
  }

  private final class Bucket {
    private double tokens;
    private long lastRefill;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastRefill = now;
    }

    synchronized long tryTake() {
      long now = nanoTime.getAsLong();
      double elapsedSeconds = Math.max(0, now - lastRefill) / 1e9;
      tokens = Math.min(limit.capacity(), tokens + elapsedSeconds * limit.refillPerSecond());
      lastRefill = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / limit.refillPerSecond()));
    }
  }
}
