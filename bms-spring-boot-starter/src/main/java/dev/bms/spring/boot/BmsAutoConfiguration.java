package dev.bms.spring.boot;

import dev.bms.api.BackupManager;
import dev.bms.core.Bms;
import dev.bms.core.BmsBuilder;
import dev.bms.core.JobMetricTags;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds a {@link BackupManager} from the application's beans and {@code bms.*} properties, and starts
 * and stops it with the context ({@link BmsLifecycle}). Each piece yields to the application's own bean:
 * declare a {@link BackupManager} (or a {@link JdbcStorage}, or a {@link CacheProvider}) to replace it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(Bms.class)
@ConditionalOnProperty(prefix = "bms", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BmsProperties.class)
public class BmsAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(BmsAutoConfiguration.class);

  /** bms's storage: the application's DataSource when there is one, else an embedded H2 database. */
  @Bean
  @ConditionalOnMissingBean
  public JdbcStorage bmsStorage(BmsProperties properties, ObjectProvider<DataSource> dataSource) {
    BmsProperties.Storage settings = properties.getStorage();
    DataSource application = settings.isUseApplicationDataSource() ? dataSource.getIfUnique() : null;
    if (application == null) {
      log.info("bms stores its data in an embedded H2 database under {}", settings.getEmbeddedDirectory().toAbsolutePath());
      return JdbcStorage.builder().embedded(settings.getEmbeddedDirectory()).build();
    }
    JdbcStorage.Builder builder = JdbcStorage.builder().dataSource(application);
    if (settings.getSchema() != null) {
      builder.schema(settings.getSchema());
    }
    return builder.build();
  }

  /** The manager, built but not started: {@link BmsLifecycle} starts it when the context is ready. */
  @Bean
  @ConditionalOnMissingBean
  public BackupManager backupManager(BmsProperties properties, JdbcStorage storage,
      ObjectProvider<MeterRegistry> registry, ObjectProvider<CacheProvider> cache,
      ObjectProvider<BmsPlugin> plugins, ObjectProvider<ObservationRegistry> observations) {
    BmsBuilder builder = Bms.builder().storage(storage).discoverPlugins(properties.isDiscoverPlugins())
        .jobCache(properties.getJobCache().getMaximumSize(), properties.getJobCache().getTtl());
    registry.ifAvailable(builder::meterRegistry);
    observations.ifAvailable(builder::observationRegistry);
    builder.jobMetricTags(JobMetricTags.parse(properties.getMetrics().getJobTags()));
    cache.ifAvailable(builder::cache);
    plugins.orderedStream().forEach(builder::plugin);
    // unset properties keep the builder's defaults
    PropertyMapper map = PropertyMapper.get(); // Spring Boot 4: null sources are skipped
    map.from(properties.getInstanceId()).to(builder::instanceId);
    BmsProperties.Scheduler scheduler = properties.getScheduler();
    builder.scheduler(scheduler.isEnabled());
    map.from(scheduler.getPollInterval()).to(builder::pollInterval);
    map.from(scheduler.getMaxConcurrentExecutions()).to(builder::maxConcurrentExecutions);
    map.from(scheduler.getHeartbeatInterval()).to(builder::heartbeatInterval);
    map.from(scheduler.getLeaseTimeout()).to(builder::leaseTimeout);
    map.from(scheduler.getMisfireThreshold()).to(builder::misfireThreshold);
    map.from(scheduler.getDrainTimeout()).to(builder::drainTimeout);
    map.from(scheduler.getCopyStallTimeout()).to(builder::copyStallTimeout);
    map.from(scheduler.getReportedHeartbeatTimeout()).to(builder::reportedHeartbeatTimeout);
    map.from(scheduler.getRpoCheckInterval()).to(builder::rpoCheckInterval);
    scheduler.getMaxConcurrentPerTarget().forEach(builder::maxConcurrentPerTarget);
    BmsProperties.Audit audit = properties.getAudit();
    map.from(audit.getAnchorInterval()).to(builder::auditAnchorInterval);
    map.from(audit.getRetention()).to(keep -> builder.auditRetention(keep, audit.getExportDirectory()));
    map.from(properties.getFourEyes().policy()).to(builder::fourEyes);
    return builder.build();
  }

  /** Starts the manager after the context refreshed; closes it (draining runs) before the DataSource closes. */
  @Bean
  @ConditionalOnMissingBean
  public BmsLifecycle bmsLifecycle(BackupManager manager) {
    return new BmsLifecycle(manager);
  }

  /**
   * The Redis near cache (values stay in each JVM, Redis carries invalidations across instances), when
   * bms-cache-redis is on the class path and {@code bms.cache.redis.address} is set.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.bms.cache.redis.RedisCacheProvider")
  @ConditionalOnProperty(prefix = "bms.cache.redis", name = "address")
  static class RedisCacheConfiguration {
    @Bean
    @ConditionalOnMissingBean(CacheProvider.class)
    CacheProvider bmsRedisCache(BmsProperties properties, ObjectProvider<MeterRegistry> registry) {
      BmsProperties.Redis redis = properties.getCache().getRedis();
      dev.bms.cache.redis.RedisCacheProvider.Builder builder = dev.bms.cache.redis.RedisCacheProvider.builder()
          .address(redis.getAddress()).database(redis.getDatabase()).keyPrefix(redis.getKeyPrefix());
      if (redis.getPassword() != null) {
        builder.password(redis.getPassword());
      }
      registry.ifAvailable(builder::meterRegistry);
      return builder.build();
    }
  }
}
