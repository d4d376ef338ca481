package dev.bms.spi.cache;

import java.time.Duration;

/**
 * Creates the caches bms keeps its hot reads in (jobs by id, for instance). Core's default keeps
 * them in local Caffeine caches; bms-cache-redis adds a near cache whose invalidations reach every
 * instance through Redis. A cache never decides anything: storage stays the source of truth.
 */
public interface CacheProvider extends AutoCloseable {

  /** The type name, e.g. {@code "local"} or {@code "redis"}. */
  String type();

  /**
   * A named cache. Values stay in this JVM; only keys (invalidations) may cross the network.
   *
   * @param name unique per manager, e.g. {@code "jobs"}
   * @param maximumSize entries kept at most
   * @param expireAfterWrite entries older than this are reloaded
   */
  <V> BmsCache<V> cache(String name, long maximumSize, Duration expireAfterWrite);

  /** Releases connections. */
  @Override
  void close();
}
