package dev.bms.spi.ratelimit;

/**
 * Allows at most a fixed number of actions per interval for each key (e.g. notifications per
 * notifier). Core uses a local one by default; bms-cache-redis provides one shared by every
 * instance on the same Redis.
 *
 * @since 0.1.0
 */
public interface RateLimiter {

  /**
   * Takes one permit for the key if one is left in the current interval.
   *
   * @return true when the action may go ahead; never throws for infrastructure trouble
   */
  boolean tryAcquire(String key);
}
