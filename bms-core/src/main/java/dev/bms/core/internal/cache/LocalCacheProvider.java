package dev.bms.core.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.bms.spi.cache.BmsCache;
import dev.bms.spi.cache.CacheProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The default cache provider: one Caffeine cache per name, in this JVM only. Right for a single
 * instance; several instances sharing a database need bms-cache-redis so that one instance's writes
 * invalidate the others' entries.
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
  public <V> BmsCache<V> cache(String name, long maximumSize, Duration expireAfterWrite) {
    return new LocalCache<>(name, maximumSize, expireAfterWrite, registry);
  }

  @Override
  public void close() {
  }

  private static final class LocalCache<V> implements BmsCache<V> {
    private final Cache<String, V> cache;
    private final Counter hits;
    private final Counter misses;

    LocalCache(String name, long maximumSize, Duration ttl, MeterRegistry registry) {
      Counter evictions = Counter.builder("bms.cache.evictions").tag("cache", name).register(registry);
      this.hits = Counter.builder("bms.cache.hits").tag("cache", name).register(registry);
      this.misses = Counter.builder("bms.cache.misses").tag("cache", name).register(registry);
      this.cache = Caffeine.newBuilder()
          .maximumSize(maximumSize)
          .expireAfterWrite(ttl)
          .removalListener((String k, V v, RemovalCause cause) -> {
            if (cause.wasEvicted()) {
              evictions.increment();
            }
          })
          .build();
    }

    @Override
    public Optional<V> getIfPresent(String key) {
      V v = cache.getIfPresent(key);
      (v == null ? misses : hits).increment();
      return Optional.ofNullable(v);
    }

    @Override
    public Optional<V> get(String key, Function<String, V> loader) {
      V v = cache.getIfPresent(key);
      if (v != null) {
        hits.increment();
        return Optional.of(v);
      }
      misses.increment();
      return Optional.ofNullable(cache.get(key, loader));
    }

    @Override
    public void put(String key, V value) {
      cache.put(key, value);
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
}
