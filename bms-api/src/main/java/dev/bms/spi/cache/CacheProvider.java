package dev.bms.spi.cache;

import java.time.Duration;
import java.util.Objects;

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

  /**
   * A named cache with typed keys, for hot reads: a hit neither formats the key nor allocates (see
   * {@link KeyedCache}). Keys go through {@code keys} only when an invalidation crosses the network,
   * so a provider that keeps everything in one JVM may never call it. Names are shared with
   * {@link #cache}: one name is one cache, whichever method made it.
   *
   * <p>The default wraps {@link #cache} and encodes the key on every call (correct, but a hit
   * allocates); both bundled providers override it.
   *
   * @param name unique per manager, e.g. {@code "jobs"}
   * @param maximumSize entries kept at most
   * @param expireAfterWrite entries older than this are reloaded
   * @param keys how keys travel in invalidation messages
   */
  default <K, V> KeyedCache<K, V> keyedCache(String name, long maximumSize, Duration expireAfterWrite,
      KeyCodec<K> keys) {
    return new EncodedKeyCache<>(cache(name, maximumSize, expireAfterWrite), Objects.requireNonNull(keys, "keys"));
  }

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
