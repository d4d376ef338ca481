package dev.bms.cache.redis;

import dev.bms.spi.PluginConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates a {@link RedisCacheProvider} of type {@code "redis"} from configuration keys, reporting
 * every bad or unknown key at once:
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>address</td><td>redis://127.0.0.1:6379</td><td>{@code redis://} or {@code rediss://} host:port</td></tr>
 *   <tr><td>password</td><td>none</td><td>Redis AUTH password</td></tr>
 *   <tr><td>database</td><td>0</td><td>Redis database number</td></tr>
 *   <tr><td>keyPrefix</td><td>bms</td><td>prefix of every key and channel; instances sharing it share invalidations</td></tr>
 *   <tr><td>nearCacheSize</td><td>10000</td><td>most entries per near cache</td></tr>
 *   <tr><td>nearCacheTtl</td><td>5m</td><td>longest life of a near cache entry (the staleness bound)</td></tr>
 *   <tr><td>outageNearCacheTtl</td><td>1s</td><td>longest life of an entry written while Redis is down</td></tr>
 * </table>
 *
 * <p>Shaped like {@link dev.bms.spi.storage.StorageProvider} so it can implement a cache provider
 * factory SPI once bms-api has one.
 */
public final class RedisCacheProviderFactory {
  /** The provider type name. */
  public static final String TYPE = "redis";

  private final MeterRegistry meterRegistry;

  /** A factory whose providers record metrics in Micrometer's global registry. */
  public RedisCacheProviderFactory() {
    this(Metrics.globalRegistry);
  }

  /** A factory whose providers record metrics in the given registry. */
  public RedisCacheProviderFactory(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
  }

  /** {@value #TYPE}. */
  public String type() {
    return TYPE;
  }

  /**
   * Validates every key, then builds (and connects) the provider.
   *
   * @throws dev.bms.api.InvalidConfigException naming every missing, malformed and unknown key
   */
  public RedisCacheProvider create(PluginConfig config) {
    RedisCacheProvider.Builder builder = RedisCacheProvider.builder().meterRegistry(meterRegistry);
    config.optionalString("address").ifPresent(v ->
        apply(config, "address", SettingRules.address(v), () -> builder.address(v)));
    config.optionalString("password").ifPresent(builder::password);
    int database = config.intValue("database", 0);
    builder.database(database);
    config.optionalString("keyPrefix").ifPresent(v ->
        apply(config, "keyPrefix", SettingRules.keyPrefix(v), () -> builder.keyPrefix(v)));
    builder.nearCacheSize(config.intValue("nearCacheSize", 10_000, 1, Integer.MAX_VALUE));
    positive(config, "nearCacheTtl", Duration.ofMinutes(5), builder::nearCacheTtl);
    positive(config, "outageNearCacheTtl", Duration.ofSeconds(1), builder::outageNearCacheTtl);
    config.validate();
    return builder.build();
  }

  private static void positive(PluginConfig config, String key, Duration defaultValue,
      Consumer<Duration> setter) {
    Duration d = config.duration(key, defaultValue);
    apply(config, key, SettingRules.positiveDuration(d), () -> setter.accept(d));
  }

  private static void apply(PluginConfig config, String key, Optional<String> problem, Runnable set) {
    problem.ifPresentOrElse(p -> config.problem(key, p), set);
  }
}
