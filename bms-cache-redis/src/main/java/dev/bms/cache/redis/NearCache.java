package dev.bms.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bms.spi.cache.BmsCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One named cache: values in a local Caffeine cache, invalidations of keys sent to and received
 * from the other instances through the {@link InvalidationBus}.
 *
 * <p>Staleness rules: an entry lives at most {@code ttl}; while Redis is down, entries written
 * live at most {@code outageTtl} (other instances' invalidations cannot reach us), and the whole
 * cache is cleared when Redis goes down and again when it comes back. Writes whose invalidation
 * could not be sent are remembered, and an "invalidate all" is broadcast at recovery so the other
 * instances drop what they may have missed.
 */
final class NearCache<V> implements BmsCache<V> {
  /** Keys per message when a {@code putAll} is broadcast. */
  static final int KEYS_PER_MESSAGE = 500;

  private final String name;
  private final Cache<String, V> local;
  private final InvalidationBus bus;
  private final CacheMetrics metrics;
  /** Bumped at every clear, so a load that straddles a clear does not keep its (maybe stale) value. */
  private final AtomicLong clears = new AtomicLong();
  private final AtomicBoolean lostInvalidations = new AtomicBoolean();
  private final InvalidationBus.PublishOutcome outcome;

  NearCache(String name, long maximumSize, Duration ttl, Duration outageTtl, InvalidationBus bus,
      MeterRegistry registry) {
    this.name = name;
    this.bus = bus;
    this.metrics = new CacheMetrics(registry, name);
    long ttlNanos = ttl.toNanos();
    long outageNanos = Math.min(ttlNanos, outageTtl.toNanos());
    this.local = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(new Expiry<String, V>() {
          @Override
          public long expireAfterCreate(String key, V value, long now) {
            return bus.isUp() ? ttlNanos : outageNanos;
          }

          @Override
          public long expireAfterUpdate(String key, V value, long now, long current) {
            return bus.isUp() ? ttlNanos : outageNanos;
          }

          @Override
          public long expireAfterRead(String key, V value, long now, long current) {
            return current;
          }
        })
        .evictionListener((key, value, cause) -> metrics.evictions.increment())
        // maintenance (read-buffer drains, expiry) on the calling thread, amortized: handing it to the
        // common pool costs a thread wake-up that made a hit several times slower than the lookup
        .executor(Runnable::run)
        .build();
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
    Gauge.builder("bms.cache.size", local, Cache::estimatedSize).tag("cache", name)
        .description("entries held in this instance's near cache").register(registry);
  }

  String name() {
    return name;
  }

  @Override
  public Optional<V> getIfPresent(String key) {
    V value = local.getIfPresent(Objects.requireNonNull(key, "key"));
    (value == null ? metrics.misses : metrics.hits).increment();
    return Optional.ofNullable(value);
  }

  @Override
  public Optional<V> get(String key, Function<String, V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    V value = local.getIfPresent(key);
    if (value != null) {
      metrics.hits.increment();
      return Optional.of(value);
    }
    metrics.misses.increment();
    long clearsBefore = clears.get();
    // Caffeine's compute makes a concurrent invalidate(key) wait for this load and then drop it.
    value = local.get(key, loader);
    if (value != null && clears.get() != clearsBefore) {
      local.invalidate(key);
    }
    return Optional.ofNullable(value);
  }

  @Override
  public void put(String key, V value) {
    local.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    publish(InvalidationMessage.keys(bus.instanceId(), name, List.of(key)));
  }

  @Override
  public void putAll(Map<String, V> values) {
    values.forEach((key, value) -> {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value of " + key);
    });
    local.putAll(values);
    List<String> keys = new ArrayList<>(values.keySet());
    for (int from = 0; from < keys.size(); from += KEYS_PER_MESSAGE) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_MESSAGE));
      publish(InvalidationMessage.keys(bus.instanceId(), name, batch));
    }
  }

  @Override
  public void invalidate(String key) {
    local.invalidate(Objects.requireNonNull(key, "key"));
    publish(InvalidationMessage.keys(bus.instanceId(), name, List.of(key)));
  }

  @Override
  public void invalidateAll() {
    clearLocally();
    publish(InvalidationMessage.all(bus.instanceId(), name));
  }

  @Override
  public long estimatedSize() {
    return local.estimatedSize();
  }

  /** Applies a message from another instance. */
  void received(InvalidationMessage message) {
    switch (message.op()) {
      case KEYS -> local.invalidateAll(message.keys());
      case ALL -> clearLocally();
      case PROBE -> {
        return;
      }
    }
    metrics.invalidationsReceived.increment();
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
  }

  private void clearLocally() {
    clears.incrementAndGet();
    local.invalidateAll();
  }

  private void publish(InvalidationMessage message) {
    if (!bus.publish(message, outcome)) {
      metrics.redisErrors.increment(); // skipped because Redis is down: counted as an error too
      lostInvalidations.set(true);
    }
  }
}
