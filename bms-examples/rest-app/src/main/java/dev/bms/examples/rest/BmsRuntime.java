package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.approval.FourEyesPolicy;
import dev.bms.cache.redis.RedisCacheProvider;
import dev.bms.core.Bms;
import dev.bms.core.BmsBuilder;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * bms as the app embeds it: embedded H2 under the data directory by default, PostgreSQL and Redis
 * when configured, metrics into a Prometheus registry, time from a {@link HistoryClock}.
 */
final class BmsRuntime implements AutoCloseable {
  final BackupManager bms;
  final PrometheusMeterRegistry registry;
  final Optional<RedisCacheProvider> redis;
  final HistoryClock clock;
  final String storageDescription;
  /** The load test's plain-JDBC baseline, when {@code --raw-endpoints=true}. */
  final Optional<RawHandlers> raw;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  private BmsRuntime(BackupManager bms, PrometheusMeterRegistry registry, Optional<RedisCacheProvider> redis,
                     HistoryClock clock, String storageDescription, Optional<RawHandlers> raw) {
    this.bms = bms;
    this.registry = registry;
    this.redis = redis;
    this.clock = clock;
    this.storageDescription = storageDescription;
    this.raw = raw;
  }

  static BmsRuntime start(AppConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    HistoryClock clock = new HistoryClock();

    JdbcStorage storage;
    String description;
    if (config.postgresUrl().isPresent()) {
      JdbcStorage.Builder b = JdbcStorage.builder().url(config.postgresUrl().get())
          .credentials(config.postgresUser(), config.postgresPassword());
      config.postgresSchema().ifPresent(b::schema);
      storage = b.build();
      description = "PostgreSQL";
    } else {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
      }
      storage = JdbcStorage.embedded(config.dataDir().resolve("db"));
      description = "embedded H2";
    }
    Optional<RedisCacheProvider> redis = config.redisAddress().map(address -> RedisCacheProvider.builder()
        .address(address)
        .keyPrefix(config.redisKeyPrefix())
        .meterRegistry(registry)
        .build());
    BmsBuilder builder = Bms.builder().storage(storage).meterRegistry(registry).clock(clock);
    redis.ifPresent(builder::cache);
    if (config.fourEyes()) {
      // destructive calls of the app's users (their actors, see Callers) wait for another admin
      builder.fourEyes(FourEyesPolicy.defaults());
    }
    BackupManager bms = builder.build();
    bms.start();
    Optional<RawHandlers> raw = config.rawEndpoints() ? Optional.of(RawHandlers.open(config, clock)) : Optional.empty();
    BmsRuntime runtime = new BmsRuntime(bms, registry, redis, clock, description + (redis.isPresent() ? " + Redis" : ""),
        raw);
    runtime.gcMetrics.bindTo(registry);
    return runtime;
  }

  @Override
  public void close() {
    try {
      bms.close();
    } finally {
      raw.ifPresent(RawHandlers::close);
      gcMetrics.close();
      registry.close();
    }
  }
}
