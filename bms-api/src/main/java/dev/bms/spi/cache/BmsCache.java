package dev.bms.spi.cache;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cache of values by string key. Implementations are thread-safe. {@link #invalidate} must reach
 * every instance sharing the cache before it returns, or as soon as the transport allows.
 *
 * @param <V> value type
 */
public interface BmsCache<V> {

  /**
   * The string-keyed view of a typed cache whose keys are strings, e.g. a provider's
   * {@code keyedCache(name, size, ttl, KeyCodec.identity())}: how a provider implements
   * {@link CacheProvider#cache} on top of {@link CacheProvider#keyedCache}.
   */
  static <V> BmsCache<V> of(KeyedCache<String, V> cache) {
    return new StringKeyedView<>(cache);
  }

  /** The cached value, without loading. */
  Optional<V> getIfPresent(String key);

  /**
   * The cached value, or the loader's result, cached. A loader returning null caches nothing and
   * returns empty.
   */
  Optional<V> get(String key, Function<String, V> loader);

  /** Caches a value (used to warm the cache). */
  void put(String key, V value);

  /** Caches several values. */
  default void putAll(Map<String, V> values) {
    values.forEach(this::put);
  }

  /** Drops the key here and on every instance sharing this cache. */
  void invalidate(String key);

  /** Drops everything here and on every instance sharing this cache. */
  void invalidateAll();

  /** Number of entries held locally (approximate). */
  long estimatedSize();
}
