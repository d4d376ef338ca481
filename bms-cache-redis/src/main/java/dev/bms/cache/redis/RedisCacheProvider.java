package dev.bms.cache.redis;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import dev.bms.spi.ratelimit.RateLimiterFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.connection.ConnectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "redis"} cache provider: every instance keeps its values in an in-memory near cache
 * (Caffeine), and a write or invalidation on one instance drops the key on every other instance
 * sharing the Redis server and key prefix.
 *
 * <pre>{@code
 * CacheProvider cache = RedisCacheProvider.builder()
 *     .address("redis://127.0.0.1:6379")
 *     .keyPrefix("bms")
 *     .meterRegistry(registry)
 *     .build();
 * }</pre>
 *
 * <h2>Why Caffeine plus pub/sub rather than Redisson's {@code RLocalCachedMap}</h2>
 * {@code RLocalCachedMap} keeps the authoritative copy of every value in Redis, so values must be
 * serialized (bms caches arbitrary Java objects such as records) and every write costs a round
 * trip with the whole value. bms's caches only ever mirror storage, which stays the source of
 * truth, so Redis only needs to carry "this key changed" messages: values stay in the JVM, each
 * message is a few bytes, and nothing about the values has to be serializable. Messages go over
 * one Redis pub/sub channel per key prefix ({@code <prefix>:cache:invalidations}), carry the
 * sending instance's id so an instance ignores its own, and are plain text.
 *
 * <h2>Consistency</h2>
 * Invalidation only, with bounded staleness: another instance stops serving a changed key as soon
 * as the message arrives (sub-millisecond on a LAN), and never later than the near cache TTL even
 * if a message were lost. {@code put} also invalidates the key elsewhere, so a write-through
 * {@code put} and a warming {@code putAll} are both safe.
 *
 * <h2>When Redis is down</h2>
 * {@code get}, {@code put} and {@code invalidate} never throw for Redis trouble; the caches keep
 * serving locally and calling loaders. The outage is detected from Redisson's connection events,
 * failed publishes and a self-probe (the provider publishes a probe and must receive it back);
 * it is logged once as a warning, and the recovery once at info. While down, every near cache is
 * cleared and new entries live at most {@code outageNearCacheTtl} (1 second by default), because
 * invalidations from other instances cannot arrive; staleness during an outage is bounded by that.
 * When Redis is back every near cache is cleared again, and an instance whose own invalidations
 * could not be sent broadcasts "invalidate all" for the caches concerned, so no instance serves a
 * value that was changed elsewhere during the outage. Redisson reconnects by itself.
 *
 * <p>Building a provider connects (lazily, so a Redis that is down at start-up does not fail the
 * build: {@link Builder#build()} waits at most {@link Builder#startupWait(Duration)} for it) and
 * starts one daemon probe thread; {@link #close()} releases both.
 *
 * <p>The cluster-wide notification limiter ({@link #rateLimiter(String, long, Duration)}) shares
 * the connection and the outage detection.
 */
public final class RedisCacheProvider implements CacheProvider, RateLimiterFactory {
  private static final Logger log = LoggerFactory.getLogger(RedisCacheProvider.class);
  private static final String COMPONENT = "cache 'redis'";

  private final RedissonClient redisson;
  private final InvalidationBus bus;
  private final MeterRegistry registry;
  private final String keyPrefix;
  private final long nearCacheSize;
  private final Duration nearCacheTtl;
  private final Duration outageNearCacheTtl;
  private final ConcurrentMap<String, KeyedNearCache<?, ?>> caches = new ConcurrentHashMap<>();

  private RedisCacheProvider(Builder b) {
    this.registry = b.meterRegistry;
    this.keyPrefix = b.keyPrefix;
    this.nearCacheSize = b.nearCacheSize;
    this.nearCacheTtl = b.nearCacheTtl;
    this.outageNearCacheTtl = b.outageNearCacheTtl;
    String instanceId = UUID.randomUUID().toString();
    BusEvents events = new BusEvents();
    this.redisson = Redisson.create(redissonConfig(b, instanceId, events));
    this.bus = new InvalidationBus(
        redisson.getTopic(keyPrefix + ":cache:invalidations", StringCodec.INSTANCE),
        instanceId, b.address, events);
    events.bus = bus;
    log.info("bms redis cache: address={} database={} password={} keyPrefix={} nearCacheSize={} "
            + "nearCacheTtl={} outageNearCacheTtl={} instance={}",
        b.address, b.database, b.password.isPresent() ? "***" : "(none)", keyPrefix, nearCacheSize,
        nearCacheTtl, outageNearCacheTtl, instanceId);
    bus.start(b.startupWait);
  }

  /** A builder with the defaults: {@code redis://127.0.0.1:6379}, database 0, prefix {@code bms}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A provider from configuration keys ({@code address}, {@code password}, {@code database},
   * {@code keyPrefix}, {@code nearCacheSize}, {@code nearCacheTtl}, {@code outageNearCacheTtl}),
   * recording metrics in Micrometer's global registry.
   *
   * @throws InvalidConfigException naming every bad and unknown key
   */
  public static RedisCacheProvider fromConfig(Map<String, String> config) {
    return new RedisCacheProviderFactory().create(new dev.bms.spi.PluginConfig(COMPONENT, config));
  }

  @Override
  public String type() {
    return RedisCacheProviderFactory.TYPE;
  }

  /**
   * A named near cache with typed keys: a hit is one Caffeine lookup by the key itself, returning
   * the stored {@code Optional}. Keys are encoded only for outgoing invalidations and decoded for
   * incoming ones. Its size is {@code min(maximumSize, nearCacheSize)} and its TTL
   * {@code min(expireAfterWrite, nearCacheTtl)}.
   *
   * @throws IllegalArgumentException when the name is malformed or already used on this provider
   */
  @Override
  public <K, V> KeyedCache<K, V> keyedCache(String name, long maximumSize, Duration expireAfterWrite,
      KeyCodec<K> keys) {
    return nearCache(name, maximumSize, expireAfterWrite, keys);
  }

  private <K, V> KeyedNearCache<K, V> nearCache(String name, long maximumSize, Duration expireAfterWrite,
      KeyCodec<K> keys) {
    check("name", SettingRules.cacheName(name));
    check("maximumSize", SettingRules.positiveSize(maximumSize));
    check("expireAfterWrite", SettingRules.positiveDuration(expireAfterWrite));
    Objects.requireNonNull(keys, "keys");
    Duration ttl = expireAfterWrite.compareTo(nearCacheTtl) < 0 ? expireAfterWrite : nearCacheTtl;
    boolean[] created = {false};
    @SuppressWarnings("unchecked")
    KeyedNearCache<K, V> cache = (KeyedNearCache<K, V>) caches.computeIfAbsent(name, n -> {
      created[0] = true;
      return new KeyedNearCache<K, V>(n, Math.min(maximumSize, nearCacheSize), ttl, outageNearCacheTtl, keys,
          bus, registry);
    });
    if (!created[0]) {
      throw new IllegalArgumentException("name: cache '" + name + "' is already used on this provider");
    }
    return cache;
  }

  /**
   * A cluster-wide limiter of {@code permits} per {@code interval} for each key, shared by every
   * instance with this provider's Redis and key prefix.
   *
   * @param name what is limited, e.g. {@code "notifications"}; part of the Redis key
   */
  @Override
  public ClusterRateLimiter rateLimiter(String name, long permits, Duration interval) {
    check("name", SettingRules.cacheName(name));
    check("permits", SettingRules.positiveSize(permits));
    check("interval", SettingRules.positiveDuration(interval));
    return new ClusterRateLimiter(redisson, bus, keyPrefix, name, permits, interval,
        CacheMetrics.redisErrors(registry, "ratelimit:" + name));
  }

  /** This instance's id, carried by its invalidation messages. */
  public String instanceId() {
    return bus.instanceId();
  }

  /** Whether Redis currently carries invalidations (false during an outage). */
  public boolean isRedisUp() {
    return bus.isUp();
  }

  /** {@link #isRedisUp()}: health reports the cache down during a Redis outage. */
  @Override
  public boolean available() {
    return bus.isUp();
  }

  /** Stops the probe thread and disconnects from Redis. Near caches stay readable locally. */
  @Override
  public void close() {
    bus.close();
    redisson.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static void check(String field, Optional<String> problem) {
    problem.ifPresent(p -> {
      throw new IllegalArgumentException(field + ": " + p);
    });
  }

  private static Config redissonConfig(Builder b, String instanceId, ConnectionListener listener) {
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.setLazyInitialization(true);
    config.setThreads(4);
    config.setNettyThreads(4);
    config.setConnectionListener(listener);
    var server = config.useSingleServer()
        .setAddress(b.address)
        .setDatabase(b.database)
        .setClientName("bms-" + instanceId.substring(0, 8))
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(8)
        .setSubscriptionConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionPoolSize(2)
        .setConnectTimeout(1000)
        .setTimeout(1000)
        .setRetryAttempts(1)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(200)))
        .setPingConnectionInterval(1000);
    b.password.ifPresent(server::setPassword);
    return config;
  }

  /** Routes bus and connection events to the caches; the bus is set right after Redisson starts. */
  private final class BusEvents implements InvalidationBus.Events, ConnectionListener {
    volatile InvalidationBus bus;

    @Override
    public void received(InvalidationMessage message) {
      KeyedNearCache<?, ?> cache = caches.get(message.cache());
      if (cache != null) {
        cache.received(message);
      }
    }

    @Override
    public void wentDown() {
      caches.values().forEach(KeyedNearCache::wentDown);
    }

    @Override
    public void cameUp() {
      caches.values().forEach(KeyedNearCache::cameUp);
    }

    @Override
    public void onConnect(InetSocketAddress address) {
      InvalidationBus b = bus;
      if (b != null) {
        b.probeSoon();
      }
    }

    @Override
    public void onDisconnect(InetSocketAddress address) {
      InvalidationBus b = bus;
      if (b != null) {
        b.markDown("connection to " + address + " lost");
      }
    }
  }

  /**
   * Options of a {@link RedisCacheProvider}; each is checked when set and a bad value throws
   * {@link InvalidConfigException} naming the option and the value.
   */
  public static final class Builder {
    private String address = "redis://127.0.0.1:6379";
    private Optional<String> password = Optional.empty();
    private int database;
    private String keyPrefix = "bms";
    private long nearCacheSize = 10_000;
    private Duration nearCacheTtl = Duration.ofMinutes(5);
    private Duration outageNearCacheTtl = Duration.ofSeconds(1);
    private Duration startupWait = Duration.ofSeconds(3);
    private MeterRegistry meterRegistry = Metrics.globalRegistry;

    private Builder() {}

    /** {@code redis://host:port} or {@code rediss://host:port} (TLS). */
    public Builder address(String address) {
      this.address = valid("address", address, SettingRules.address(address));
      return this;
    }

    /** The Redis password ({@code AUTH}); none by default. */
    public Builder password(String password) {
      Objects.requireNonNull(password, "password");
      this.password = password.isEmpty() ? Optional.empty() : Optional.of(password);
      return this;
    }

    /** The Redis database number, 0 by default. */
    public Builder database(int database) {
      this.database = valid("database", database, SettingRules.database(database));
      return this;
    }

    /**
     * Prefix of every Redis key and channel; instances share invalidations and rate limits only
     * when they share it. {@code bms} by default.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = valid("keyPrefix", keyPrefix, SettingRules.keyPrefix(keyPrefix));
      return this;
    }

    /** The most entries any one near cache holds (caches asking for fewer get fewer); 10,000. */
    public Builder nearCacheSize(long nearCacheSize) {
      this.nearCacheSize = valid("nearCacheSize", nearCacheSize, SettingRules.positiveSize(nearCacheSize));
      return this;
    }

    /** The longest a near cache entry lives, whatever the cache asks for: the staleness bound; 5 min. */
    public Builder nearCacheTtl(Duration nearCacheTtl) {
      this.nearCacheTtl = valid("nearCacheTtl", nearCacheTtl, SettingRules.positiveDuration(nearCacheTtl));
      return this;
    }

    /** The longest an entry written while Redis is down lives; 1 second. */
    public Builder outageNearCacheTtl(Duration outageNearCacheTtl) {
      this.outageNearCacheTtl = valid("outageNearCacheTtl", outageNearCacheTtl,
          SettingRules.positiveDuration(outageNearCacheTtl));
      return this;
    }

    /** How long {@link #build()} waits for Redis before going on without it; 3 seconds. */
    public Builder startupWait(Duration startupWait) {
      this.startupWait = valid("startupWait", startupWait, SettingRules.positiveDuration(startupWait));
      return this;
    }

    /** Where metrics go; Micrometer's global registry by default. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Connects (waiting at most {@link #startupWait(Duration)} for Redis, never failing when it is
     * down) and starts the probe thread.
     */
    public RedisCacheProvider build() {
      return new RedisCacheProvider(this);
    }

    private static <T> T valid(String option, T value, Optional<String> problem) {
      if (problem.isPresent()) {
        throw new InvalidConfigException(COMPONENT, List.of(option + ": " + problem.get()));
      }
      return value;
    }
  }
}
