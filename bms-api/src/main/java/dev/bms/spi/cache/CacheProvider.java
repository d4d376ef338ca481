package dev.bms.spi.cache;

import java.time.Duration;

/**
 * Creates the caches bms keeps its hot reads in (jobs by id, for instance). Core's default keeps
 * them in local Caffeine caches; bms-cache-redis adds a near cache whose invalidations reach every
 * instance through Redis. A cache never decides anything: storage stays the source of truth.
 *
 * @since 0.1.0
 */
public interface CacheProvider extends AutoCloseable {

  /** The type name, e.g. {@code "local"} or {@code "redis"}. */
  String type();

  /**
   * A named cache with typed keys, for hot reads: a hit neither formats the key nor allocates (see
   * {@link KeyedCache}). Values stay in this JVM; keys go through {@code keys} only when an
   * invalidation crosses the network, so a provider that keeps everything in one JVM may never call
   * it. Use {@link KeyCodec#identity()} for string keys.
   *
   * @param name unique per manager, e.g. {@code "jobs"}
   * @param maximumSize entries kept at most
   * @param expireAfterWrite entries older than this are reloaded
   * @param keys how keys travel in invalidation messages
   */
  <K, V> KeyedCache<K, V> keyedCache(String name, long maximumSize, Duration expireAfterWrite, KeyCodec<K> keys);

  /**
   * Whether the provider's shared part works right now (for a distributed cache: its server is
   * reachable and invalidations flow). Reported by {@code BackupManager.health()}; must be quick
   * and do no I/O. The default, for providers that keep everything in this JVM, is always true.
   *
   * @since 0.1
   */
  default boolean available() {
    return true;
  }

  /** Releases connections. */
  @Override
  void close();
}
