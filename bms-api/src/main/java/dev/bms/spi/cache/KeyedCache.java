package dev.bms.spi.cache;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cache of values by typed key, from {@link CacheProvider#keyedCache}. Implementations are
 * thread-safe. {@link #invalidate} must reach every instance sharing the cache before it returns, or
 * as soon as the transport allows. A hit looks the key up as it is (no formatting) and returns the
 * {@code Optional} stored when the value was cached, so it allocates nothing. Keys are encoded with
 * the cache's {@link KeyCodec} only when an invalidation crosses the network.
 *
 * @param <K> key type; equal keys must have equal {@code hashCode}s and codec texts
 * @param <V> value type
 * @since 0.1.0
 */
public interface KeyedCache<K, V> {

  /** The cached value, without loading; empty when absent. */
  Optional<V> getIfPresent(K key);

  /**
   * The cached value, or the loader's result, cached. A loader returning null caches nothing and
   * returns empty.
   */
  Optional<V> get(K key, Function<? super K, ? extends V> loader);

  /** Caches a value (used to warm the cache); drops the key on the other instances. */
  void put(K key, V value);

  /** Caches several values; the other instances drop these keys. */
  default void putAll(Map<? extends K, ? extends V> values) {
    values.forEach(this::put);
  }

  /** Drops the key here and on every instance sharing this cache. */
  void invalidate(K key);

  /** Drops everything here and on every instance sharing this cache. */
  void invalidateAll();

  /** Number of entries held locally (approximate). */
  long estimatedSize();
}
