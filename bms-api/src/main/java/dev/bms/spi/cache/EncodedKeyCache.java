package dev.bms.spi.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fallback {@link KeyedCache} of a provider that only has string-keyed caches: every call
 * encodes its key. Correct, but a hit formats the key and allocates; providers override
 * {@link CacheProvider#keyedCache} to avoid that.
 */
final class EncodedKeyCache<K, V> implements KeyedCache<K, V> {
  private final BmsCache<V> cache;
  private final KeyCodec<K> keys;

  EncodedKeyCache(BmsCache<V> cache, KeyCodec<K> keys) {
    this.cache = cache;
    this.keys = keys;
  }

  @Override
  public Optional<V> getIfPresent(K key) {
    return cache.getIfPresent(keys.encode(key));
  }

  @Override
  public Optional<V> get(K key, Function<? super K, ? extends V> loader) {
    return cache.get(keys.encode(key), text -> loader.apply(key));
  }

  @Override
  public void put(K key, V value) {
    cache.put(keys.encode(key), value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> values) {
    Map<String, V> encoded = new LinkedHashMap<>();
    values.forEach((key, value) -> encoded.put(keys.encode(key), value));
    cache.putAll(encoded);
  }

  @Override
  public void invalidate(K key) {
    cache.invalidate(keys.encode(key));
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
