package dev.bms.cache.redis;

import dev.bms.spi.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Objects;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RateLimiter} shared by every instance using the same Redis and key prefix, backed by
 * Redisson's {@link RRateLimiter} ({@link RateType#OVERALL}: the permits are counted across all
 * instances). Get one from {@link RedisCacheProvider#rateLimiter(String, long, Duration)}.
 *
 * <p>Each key gets its own Redis limiter, {@code <prefix>:ratelimit:<name>:<key>}, which expires
 * after it has been idle for a while. While Redis is down, or when a call to it fails, the limiter
 * falls back to a {@link LocalRateLimiter} with the same rate: the limit then holds per instance,
 * so a cluster of n instances may let up to n times the permits through during an outage. That is
 * the right trade for notifications: an alert is better sent twice than not at all.
 *
 * <p>The rate of an existing key is not changed by a limiter created with another rate until the
 * key has expired (Redisson's {@code trySetRate} keeps an existing configuration).
 */
public final class ClusterRateLimiter implements RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(ClusterRateLimiter.class);

  private final RedissonClient redisson;
  private final InvalidationBus bus;
  private final String redisPrefix;
  private final long permits;
  private final Duration interval;
  private final Duration keepAlive;
  private final LocalRateLimiter fallback;
  private final Counter redisErrors;

  ClusterRateLimiter(RedissonClient redisson, InvalidationBus bus, String keyPrefix, String name,
      long permits, Duration interval, Counter redisErrors) {
    this.redisson = redisson;
    this.bus = bus;
    this.redisPrefix = keyPrefix + ":ratelimit:" + name + ":";
    this.permits = permits;
    this.interval = interval;
    // Keep a key's state at least one full interval after its last use, and no less than a minute.
    this.keepAlive = interval.multipliedBy(2).compareTo(Duration.ofMinutes(1)) < 0
        ? Duration.ofMinutes(1) : interval.multipliedBy(2);
    this.fallback = new LocalRateLimiter(permits, interval);
    this.redisErrors = redisErrors;
  }

  /**
   * Takes one permit for the key, cluster-wide while Redis is reachable, per instance otherwise.
   */
  @Override
  public boolean tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    if (!bus.isUp()) {
      return fallback.tryAcquire(key);
    }
    try {
      RRateLimiter limiter = redisson.getRateLimiter(redisPrefix + key);
      limiter.trySetRate(RateType.OVERALL, permits, interval, keepAlive);
      return limiter.tryAcquire();
    } catch (RuntimeException e) {
      redisErrors.increment();
      log.debug("rate limiter {} fell back to the local limit: {}", redisPrefix + key, e.toString());
      bus.markDown("rate limiter call failed: " + e);
      return fallback.tryAcquire(key);
    }
  }
}
