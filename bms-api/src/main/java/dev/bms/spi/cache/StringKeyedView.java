package dev.bms.spi.cache;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The {@link BmsCache} view of a {@link KeyedCache} of strings; see {@link BmsCache#of}. */
record StringKeyedView<V>(KeyedCache<String, V> cache) implements BmsCache<V> {
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
}
