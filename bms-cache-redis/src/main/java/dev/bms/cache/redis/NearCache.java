package dev.bms.cache.redis;

import dev.bms.spi.cache.BmsCache;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The string-keyed SPI view of a {@link KeyedNearCache} of strings (keys are their own text). */
final class NearCache<V> implements BmsCache<V> {
  private final KeyedNearCache<String, V> cache;

  NearCache(KeyedNearCache<String, V> cache) {
    this.cache = cache;
  }

  @Override
  public Optional<V> getIfPresent(String key) {
    return cache.getIfPresent(key);
  }

  @Override
  public Optional<V> get(String key, Function<String, V> loader) {
    return cache.get(key, loader);
  }

  @Override
  public void put(String key, V value) {
    cache.put(key, value);
  }

  @Override
  public void putAll(Map<String, V> values) {
    cache.putAll(values);
  }

  @Override
  public void invalidate(String key) {
    cache.invalidate(key);
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /** Lets Caffeine run pending maintenance (evictions) now; for tests. */
  void cleanUp() {
    cache.cleanUp();
  }
}
