package dev.bms.core.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The default cache provider: one Caffeine cache per name, in this JVM only. Right for a single
 * instance; several instances sharing a database need bms-cache-redis so that one instance's writes
 * invalidate the others' entries.
 *
 * <p>Caches hold the {@code Optional} of each value, so that a hit of a {@link KeyedCache} returns
 * it without allocating. Keys never leave the JVM, so the {@link KeyCodec} is not used.
 */
public final class LocalCacheProvider implements CacheProvider {
  private final MeterRegistry registry;

  public LocalCacheProvider(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String type() {
    return "local";
  }

  @Override
  public <K, V> KeyedCache<K, V> keyedCache(String name, long maximumSize, Duration expireAfterWrite,
      KeyCodec<K> keys) {
    Objects.requireNonNull(keys, "keys");
    return new LocalCache<>(name, maximumSize, expireAfterWrite, registry);
  }

  @Override
  public void close() {
  }

  private static final class LocalCache<K, V> implements KeyedCache<K, V> {
    private final Cache<K, Optional<V>> cache;
    private final Counter hits;
    private final Counter misses;

    LocalCache(String name, long maximumSize, Duration ttl, MeterRegistry registry) {
      Counter evictions = Counter.builder("bms.cache.evictions").tag("cache", name).register(registry);
      this.hits = Counter.builder("bms.cache.hits").tag("cache", name).register(registry);
      this.misses = Counter.builder("bms.cache.misses").tag("cache", name).register(registry);
      io.micrometer.core.instrument.Gauge.builder("bms.cache.size", this, LocalCache::estimatedSize).tag("cache", name)
          .description("entries held in this instance's cache").register(registry);
      this.cache = Caffeine.newBuilder()
          .maximumSize(maximumSize)
          .expireAfterWrite(ttl)
          .removalListener((K k, Optional<V> v, RemovalCause cause) -> {
            if (cause.wasEvicted()) {
              evictions.increment();
            }
          })
          // maintenance (read-buffer drains, expiry) on the calling thread, amortized: handing it to
          // the common pool costs a thread wake-up per drain, more than the lookups it maintains
          .executor(Runnable::run)
          .build();
    }

    @Override
    public Optional<V> getIfPresent(K key) {
      Optional<V> v = cache.getIfPresent(Objects.requireNonNull(key, "key"));
      if (v == null) {
        misses.increment();
        return Optional.empty();
      }
      hits.increment();
      return v;
    }

    @Override
    public Optional<V> get(K key, Function<? super K, ? extends V> loader) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(loader, "loader");
      Optional<V> v = cache.getIfPresent(key);
      if (v != null) {
        hits.increment();
        return v;
      }
      misses.increment();
      v = cache.get(key, k -> {
        V loaded = loader.apply(k);
        return loaded == null ? null : Optional.of(loaded);
      });
      return v != null ? v : Optional.empty();
    }

    @Override
    public void put(K key, V value) {
      cache.put(Objects.requireNonNull(key, "key"), Optional.of(value));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> values) {
      Map<K, Optional<V>> wrapped = new HashMap<>();
      values.forEach((key, value) -> wrapped.put(Objects.requireNonNull(key, "key"),
          Optional.of(Objects.requireNonNull(value, "value of " + key))));
      cache.putAll(wrapped);
    }

    @Override
    public void invalidate(K key) {
      cache.invalidate(Objects.requireNonNull(key, "key"));
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
}
