package dev.bms.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named cache: values in a local Caffeine cache keyed by the typed key itself, invalidations of
 * keys sent to and received from the other instances through the {@link InvalidationBus}. Keys go
 * through the {@link KeyCodec} only there (encoded when sent, decoded when received), and values are
 * stored as the {@code Optional} a hit returns, so a hit neither formats a key nor allocates.
 *
 * <p>Staleness rules: an entry lives at most {@code ttl}; while Redis is down, entries written
 * live at most {@code outageTtl} (other instances' invalidations cannot reach us), and the whole
 * cache is cleared when Redis goes down and again when it comes back. Writes whose invalidation
 * could not be sent are remembered, and an "invalidate all" is broadcast at recovery so the other
 * instances drop what they may have missed.
 *
 * <p>The two lifetimes are two Caffeine caches with fixed expiry rather than one with variable
 * expiry: entries written while Redis is up go to {@code local} ({@code ttl}), those written while it
 * is down to {@code outage} ({@code outageTtl}); both are cleared at each transition, so while Redis
 * is up {@code outage} is empty and a hit is one lookup in a cache whose reads need no expiry
 * bookkeeping (variable expiry made a hit about twice as slow).
 */
final class KeyedNearCache<K, V> implements KeyedCache<K, V> {
  private static final Logger log = LoggerFactory.getLogger(KeyedNearCache.class);
  /** Keys per message when a {@code putAll} is broadcast. */
  static final int KEYS_PER_MESSAGE = 500;

  private final String name;
  private final KeyCodec<K> keys;
  /** Entries written while Redis is up. */
  private final Cache<K, Optional<V>> local;
  /** Entries written while Redis is down; empty otherwise. */
  private final Cache<K, Optional<V>> outage;
  private final InvalidationBus bus;
  private final CacheMetrics metrics;
  /** Bumped at every clear, so a load that straddles a clear does not keep its (maybe stale) value. */
  private final AtomicLong clears = new AtomicLong();
  private final AtomicBoolean lostInvalidations = new AtomicBoolean();
  private final InvalidationBus.PublishOutcome outcome;

  KeyedNearCache(String name, long maximumSize, Duration ttl, Duration outageTtl, KeyCodec<K> keys,
      InvalidationBus bus, MeterRegistry registry) {
    this.name = name;
    this.keys = Objects.requireNonNull(keys, "keys");
    this.bus = bus;
    this.metrics = new CacheMetrics(registry, name);
    this.local = newCache(maximumSize, ttl);
    this.outage = newCache(maximumSize, outageTtl.compareTo(ttl) < 0 ? outageTtl : ttl);
    this.outcome = new InvalidationBus.PublishOutcome() {
      @Override
      public void sent() {
        metrics.invalidationsSent.increment();
      }

      @Override
      public void failed() {
        metrics.redisErrors.increment();
        lostInvalidations.set(true);
      }
    };
    Gauge.builder("bms.cache.size", this, KeyedNearCache::estimatedSize).tag("cache", name)
        .description("entries held in this instance's near cache").register(registry);
  }

  private Cache<K, Optional<V>> newCache(long maximumSize, Duration expireAfterWrite) {
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfterWrite(expireAfterWrite)
        .evictionListener((K key, Optional<V> value, RemovalCause cause) -> metrics.evictions.increment())
        // maintenance (read-buffer drains, expiry) on the calling thread, amortized: handing it to the
        // common pool costs a thread wake-up that made a hit several times slower than the lookup
        .executor(Runnable::run)
        .build();
  }

  String name() {
    return name;
  }

  /** The cached value or null; {@code outage} is looked at only when {@code local} misses. */
  private Optional<V> cached(K key) {
    Optional<V> value = local.getIfPresent(key);
    return value != null ? value : outage.getIfPresent(key);
  }

  /** Where a write goes now: entries written during an outage must expire sooner. */
  private Cache<K, Optional<V>> writable() {
    return bus.isUp() ? local : outage;
  }

  private Cache<K, Optional<V>> other(Cache<K, Optional<V>> cache) {
    return cache == local ? outage : local;
  }

  @Override
  public Optional<V> getIfPresent(K key) {
    Optional<V> value = cached(Objects.requireNonNull(key, "key"));
    if (value == null) {
      metrics.misses.increment();
      return Optional.empty();
    }
    metrics.hits.increment();
    return value;
  }

  @Override
  public Optional<V> get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    Optional<V> value = cached(key);
    if (value != null) {
      metrics.hits.increment();
      return value;
    }
    metrics.misses.increment();
    long clearsBefore = clears.get();
    // Caffeine's compute makes a concurrent invalidate(key) wait for this load and then drop it.
    Cache<K, Optional<V>> target = writable();
    value = target.get(key, k -> {
      V loaded = loader.apply(k);
      return loaded == null ? null : Optional.of(loaded);
    });
    if (value == null) {
      return Optional.empty();
    }
    if (clears.get() != clearsBefore) {
      target.invalidate(key);
    }
    return value;
  }

  @Override
  public void put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Cache<K, Optional<V>> target = writable();
    target.put(key, Optional.of(Objects.requireNonNull(value, "value")));
    other(target).invalidate(key);
    publish(InvalidationMessage.keys(bus.instanceId(), name, List.of(keys.encode(key))));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> values) {
    Map<K, Optional<V>> wrapped = new LinkedHashMap<>();
    List<String> encoded = new ArrayList<>(values.size());
    values.forEach((key, value) -> {
      Objects.requireNonNull(key, "key");
      wrapped.put(key, Optional.of(Objects.requireNonNull(value, "value of " + key)));
      encoded.add(keys.encode(key));
    });
    Cache<K, Optional<V>> target = writable();
    target.putAll(wrapped);
    other(target).invalidateAll(wrapped.keySet());
    for (int from = 0; from < encoded.size(); from += KEYS_PER_MESSAGE) {
      List<String> batch = encoded.subList(from, Math.min(encoded.size(), from + KEYS_PER_MESSAGE));
      publish(InvalidationMessage.keys(bus.instanceId(), name, batch));
    }
  }

  @Override
  public void invalidate(K key) {
    Objects.requireNonNull(key, "key");
    local.invalidate(key);
    outage.invalidate(key);
    publish(InvalidationMessage.keys(bus.instanceId(), name, List.of(keys.encode(key))));
  }

  @Override
  public void invalidateAll() {
    clearLocally();
    publish(InvalidationMessage.all(bus.instanceId(), name));
  }

  @Override
  public long estimatedSize() {
    return local.estimatedSize() + outage.estimatedSize();
  }

  /** Applies a message from another instance. */
  void received(InvalidationMessage message) {
    switch (message.op()) {
      case KEYS -> invalidateReceived(message.keys());
      case ALL -> clearLocally();
      case PROBE -> {
        return;
      }
    }
    metrics.invalidationsReceived.increment();
  }

  /** Drops the keys another instance named; a key this codec cannot read drops everything. */
  private void invalidateReceived(List<String> texts) {
    List<K> decoded = new ArrayList<>(texts.size());
    for (String text : texts) {
      try {
        decoded.add(keys.decode(text));
      } catch (RuntimeException e) {
        log.warn("cache '{}': undecodable key '{}' in an invalidation ({}); clearing the whole cache",
            name, text, e.toString());
        clearLocally();
        return;
      }
    }
    local.invalidateAll(decoded);
    outage.invalidateAll(decoded);
  }

  /** Redis went down: what we hold may be invalidated elsewhere without us hearing of it. */
  void wentDown() {
    clearLocally();
  }

  /** Redis is back: drop what may have been invalidated meanwhile, and tell others what we missed. */
  void cameUp() {
    clearLocally();
    if (lostInvalidations.getAndSet(false)) {
      publish(InvalidationMessage.all(bus.instanceId(), name));
    }
  }

  /** Lets Caffeine run pending maintenance (evictions) now; for tests. */
  void cleanUp() {
    local.cleanUp();
    outage.cleanUp();
  }

  private void clearLocally() {
    clears.incrementAndGet();
    local.invalidateAll();
    outage.invalidateAll();
  }

  private void publish(InvalidationMessage message) {
    if (!bus.publish(message, outcome)) {
      metrics.redisErrors.increment(); // skipped because Redis is down: counted as an error too
      lostInvalidations.set(true);
    }
  }
}
