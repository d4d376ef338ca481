package dev.bms.core.internal.cache;

import java.util.function.Function;

/**
 * A local cache with typed keys, for core's own hot reads: no key conversion and no allocation on a
 * hit. Counts hits and misses like every bms cache ({@code bms.cache.hits}, {@code bms.cache.misses}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyedCache<K, V> {

  /** The cached value, or null. */
  V getIfPresent(K key);

  /** The cached value, or the loader's result, cached; null (nothing cached) when the loader returns null. */
  V get(K key, Function<? super K, ? extends V> loader);

  /** Caches a value. */
  void put(K key, V value);

  /** Drops the key. */
  void invalidate(K key);

  /** Drops everything. */
  void invalidateAll();

  /** Number of entries (approximate). */
  long estimatedSize();
}
