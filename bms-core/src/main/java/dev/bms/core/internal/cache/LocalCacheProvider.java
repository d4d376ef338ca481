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
 *
 * <p>Besides the string-keyed {@link BmsCache}s of the SPI, core gets {@link KeyedCache}s with typed
 * keys from here ({@link #keyedCache}), so that its hottest read (a job by id) neither formats its
 * key nor allocates on a hit.
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
    return new StringKeyed<>(new LocalCache<>(name, maximumSize, expireAfterWrite, registry));
  }

  /** A named cache with typed keys, metered like {@link #cache}. */
  public <K, V> KeyedCache<K, V> keyedCache(String name, long maximumSize, Duration expireAfterWrite) {
    return new LocalCache<>(name, maximumSize, expireAfterWrite, registry);
  }

  @Override
  public void close() {
  }

  private static final class LocalCache<K, V> implements KeyedCache<K, V> {
    private final Cache<K, V> cache;
    private final Counter hits;
    private final Counter misses;

    LocalCache(String name, long maximumSize, Duration ttl, MeterRegistry registry) {
      Counter evictions = Counter.builder("bms.cache.evictions").tag("cache", name).register(registry);
      this.hits = Counter.builder("bms.cache.hits").tag("cache", name).register(registry);
      this.misses = Counter.builder("bms.cache.misses").tag("cache", name).register(registry);
      this.cache = Caffeine.newBuilder()
          .maximumSize(maximumSize)
          .expireAfterWrite(ttl)
          .removalListener((K k, V v, RemovalCause cause) -> {
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
    public V getIfPresent(K key) {
      V v = cache.getIfPresent(key);
      (v == null ? misses : hits).increment();
      return v;
    }

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
      V v = cache.getIfPresent(key);
      if (v != null) {
        hits.increment();
        return v;
      }
      misses.increment();
      return cache.get(key, loader);
    }

    @Override
    public void put(K key, V value) {
      cache.put(key, value);
    }

    @Override
    public void invalidate(K key) {
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

  /** The SPI view of a local cache. */
  private record StringKeyed<V>(KeyedCache<String, V> cache) implements BmsCache<V> {
    @Override
    public Optional<V> getIfPresent(String key) {
      return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public Optional<V> get(String key, Function<String, V> loader) {
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
