package dev.bms.cache.redis;

/**
 * Allows at most a fixed number of actions per interval for each key (e.g. one notification per
 * job and channel per 10 minutes).
 *
 * <p>Temporary home: this belongs in the SPI ({@code dev.bms.spi}) so core's alert engine can use
 * a cluster-wide limiter when bms-cache-redis is present and a local one otherwise.
 */
public interface RateLimiter {

  /**
   * Takes one permit for the key if one is left in the current interval.
   *
   * @return true when the action may go ahead; never throws for infrastructure trouble
   */
  boolean tryAcquire(String key);
}
