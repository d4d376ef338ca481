package dev.bms.spi.ratelimit;

import java.time.Duration;

/**
 * Creates {@link RateLimiter}s. A {@link dev.bms.spi.cache.CacheProvider} that also implements
 * this interface (bms-cache-redis does) gives bms cluster-wide limits; otherwise core limits per
 * instance.
 *
 * @since 0.1.0
 */
public interface RateLimiterFactory {

  /**
   * A limiter of {@code permits} per {@code interval} for each key.
   *
   * @param name what is limited, e.g. {@code "notifications"}
   */
  RateLimiter rateLimiter(String name, long permits, Duration interval);
}
