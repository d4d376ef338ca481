package dev.bms.core;

import static dev.bms.core.BuilderChecks.invalid;
import static dev.bms.core.BuilderChecks.requireNonNegative;
import static dev.bms.core.BuilderChecks.requirePositive;

import dev.bms.core.internal.audit.AuditSettings;
import static dev.bms.core.BuilderChecks.requireText;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.Inputs;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.approval.FourEyesSettings;
import dev.bms.core.internal.alert.AlertingSetup;
import dev.bms.core.internal.cache.LocalCacheProvider;
import dev.bms.core.internal.engine.EngineSettings;
import dev.bms.core.internal.plugin.PluginContexts;
import dev.bms.core.internal.plugin.PluginDiscovery;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.SecretResolver;
import dev.bms.spi.Secrets;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.Storage;
import dev.bms.core.internal.metrics.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures and builds a {@link BackupManager}. Each option is checked when it is set; what can
 * only be checked together (storage resolution, plugin type clashes) is checked by {@link #build()},
 * which reports every problem at once and logs the effective configuration.
 *
 * <pre>{@code
 * BackupManager bms = Bms.builder()
 *     .storage(JdbcStorage.embedded(Path.of("bms-data")))   // default when omitted
 *     .meterRegistry(prometheusRegistry)                      // optional
 *     .build();
 * bms.start();
 * }</pre>
 *
 * <p>Without {@link #storage}, bms uses the {@code jdbc} storage provider found on the class path
 * (bms-storage-jdbc) with its default: an embedded H2 database under {@code ./bms-data}.
 *
 * @since 0.1.0
 */
public final class BmsBuilder {
  private static final Logger log = LoggerFactory.getLogger(BmsBuilder.class);

  private Storage storage;
  private String storageType;
  private Map<String, String> storageConfig = Map.of();
  private CacheProvider cacheProvider;
  private MeterRegistry meterRegistry;
  private JobMetricTags jobMetricTags = JobMetricTags.none();
  private dev.bms.spi.AccessPolicy accessPolicy;
  private dev.bms.api.approval.FourEyesPolicy fourEyes;
  private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
  private Clock clock = Clock.systemUTC();
  private final List<BmsPlugin> plugins = new ArrayList<>();
  private boolean discoverPlugins = true;
  private ClassLoader classLoader = BmsBuilder.class.getClassLoader();
  private String instanceId = StorageResolution.defaultInstanceId();
  private Duration heartbeatInterval = Duration.ofSeconds(10);
  private Duration drainTimeout = Duration.ofSeconds(30);
  private long jobCacheSize = 100_000;
  private Duration jobCacheTtl = Duration.ofMinutes(10);
  private boolean warmCacheOnStart = true;
  private Duration gaugeRefreshInterval = Duration.ofSeconds(30);
  private Duration copyStallTimeout = Duration.ofMinutes(5);
  private final EngineOptions engine = new EngineOptions();
  private AlertingConfig alerting = AlertingConfig.defaults();
  private final List<SecretResolver> secretResolvers = new ArrayList<>();
  private boolean allowLiteralSecrets;
  private AuditSettings audit = AuditSettings.defaults();

  BmsBuilder() {
  }

  /** The storage to use (the manager closes it on {@code close()}). */
  public BmsBuilder storage(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.storageType = null;
    return this;
  }

  /** A storage created by the {@link StorageProvider} of that type found on the class path. */
  public BmsBuilder storage(String type, Map<String, String> config) {
    this.storageType = requireText("storage type", type);
    this.storageConfig = Map.copyOf(config);
    this.storage = null;
    return this;
  }

  /** The cache provider (default: local Caffeine caches). The manager closes it on {@code close()}. */
  public BmsBuilder cache(CacheProvider provider) {
    this.cacheProvider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /** Where metrics go (default: a private {@link SimpleMeterRegistry}). */
  public BmsBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * The job dimension of meters (default {@link JobMetricTags#none()}: no job tag, so the scrape's size
   * does not grow with the number of jobs); see {@code docs/observability.md}.
   */
  public BmsBuilder jobMetricTags(JobMetricTags tags) {
    this.jobMetricTags = Objects.requireNonNull(tags, "tags");
    return this;
  }

  /**
   * Where bms reports observations of executions, copies, verifications and restores (default
   * {@link ObservationRegistry#NOOP}); with a tracing handler (Micrometer Tracing, OpenTelemetry) they
   * become spans.
   */
  public BmsBuilder observationRegistry(ObservationRegistry registry) {
    this.observationRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * Who may make which call through {@code bms.as(actor)} (default: {@link RoleAccessPolicy}, the
   * viewer/operator/admin/auditor matrix of {@code docs/security.md}). Asked on every call of a view,
   * on the calling thread: keep it fast and free of I/O.
   *
   * @since 0.2.0
   */
  public BmsBuilder accessPolicy(dev.bms.spi.AccessPolicy policy) {
    this.accessPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Turns four-eyes approval on: the destructive calls {@code policy} guards, made through
   * {@code bms.as(actor)} by anyone but {@code Actor.application()} and {@code Actor.system()}, do
   * not run but are held as pending requests (an {@link dev.bms.api.ApprovalRequiredException}
   * carries the id) until a different actor approves them through {@code approvals()}. Off by
   * default. Needs a storage with the {@code APPROVALS} capability ({@link #build()} says so
   * otherwise). See {@code docs/security.md}.
   *
   * <pre>{@code
   * Bms.builder()...fourEyes(FourEyesPolicy.defaults()).build();
   * }</pre>
   *
   * @since 0.2.0
   */
  public BmsBuilder fourEyes(dev.bms.api.approval.FourEyesPolicy policy) {
    this.fourEyes = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** The clock every time decision uses (default: system UTC); tests inject their own. */
  public BmsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Adds a resolver of {@code secret:<scheme>:<name>} references (a vault...); schemes are unique. */
  public BmsBuilder secretResolver(SecretResolver resolver) {
    secretResolvers.add(Objects.requireNonNull(resolver, "resolver"));
    return this;
  }

  /** Whether a key read as a secret may hold the value itself (default false; a literal is stored with the job). */
  public BmsBuilder allowLiteralSecrets(boolean allow) {
    this.allowLiteralSecrets = allow;
    return this;
  }

  /** Registers a plugin explicitly, in addition to those found by ServiceLoader. */
  public BmsBuilder plugin(BmsPlugin plugin) {
    plugins.add(Objects.requireNonNull(plugin, "plugin"));
    return this;
  }

  /** Whether to find plugins with {@link ServiceLoader} (default true). */
  public BmsBuilder discoverPlugins(boolean discover) {
    this.discoverPlugins = discover;
    return this;
  }

  /** The class loader ServiceLoader searches (default: bms-core's). */
  public BmsBuilder classLoader(ClassLoader loader) {
    this.classLoader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /** Names this instance in execution owners, thread names and logs (default: host-pid-random). */
  public BmsBuilder instanceId(String id) {
    requireText("instanceId", id);
    if (id.length() > 200 || Inputs.hasControlCharacter(id)) {
      throw BuilderChecks.invalid("instanceId", "'" + Inputs.excerpt(id)
          + "' must be at most 200 characters without control characters (newline, NUL...)");
    }
    this.instanceId = id;
    return this;
  }

  /** How often a running execution records progress and renews its lease (default 10 s). */
  public BmsBuilder heartbeatInterval(Duration interval) {
    this.heartbeatInterval = requirePositive("heartbeatInterval", interval);
    return this;
  }

  /** How long {@code close()} lets running executions finish (default 30 s). */
  public BmsBuilder drainTimeout(Duration timeout) {
    this.drainTimeout = requireNonNegative("drainTimeout", timeout);
    return this;
  }

  /**
   * How long one call into a target (a write, opening or closing a file, the commit) may block
   * before that copy alone is failed and its session aborted, while the other copies go on
   * (default 5 min); see {@code docs/operations.md}.
   */
  public BmsBuilder copyStallTimeout(Duration timeout) {
    this.copyStallTimeout = requirePositive("copyStallTimeout", timeout);
    return this;
  }

  /** Size and time-to-live of the job cache (default 100,000 jobs, 10 min). */
  public BmsBuilder jobCache(long maximumSize, Duration ttl) {
    if (maximumSize < 0) {
      throw invalid("jobCache.maximumSize", maximumSize + " must not be negative");
    }
    this.jobCacheSize = maximumSize;
    this.jobCacheTtl = requirePositive("jobCache.ttl", ttl);
    return this;
  }

  /** Whether {@code start()} loads every job into the cache (default true). */
  public BmsBuilder warmCacheOnStart(boolean warm) {
    this.warmCacheOnStart = warm;
    return this;
  }

  /** How often state gauges are recomputed from storage (default 30 s). */
  public BmsBuilder gaugeRefreshInterval(Duration interval) {
    this.gaugeRefreshInterval = requirePositive("gaugeRefreshInterval", interval);
    return this;
  }

  /**
   * How often the audit chain's head is written to the log ({@code bms-audit-anchor sequence=… hash=…})
   * and to the gauge {@code bms.audit.chain.head.sequence}, besides once at start (default 1 hour). The
   * same round applies the audit retention, if one is set.
   */
  public BmsBuilder auditAnchorInterval(Duration interval) {
    audit = new AuditSettings(requirePositive("auditAnchorInterval", interval), audit.retention(),
        audit.exportDirectory());
    return this;
  }

  /**
   * Keeps audit records for {@code keep} (default: forever): at start and on each anchor round, the
   * records older than that are exported to a new JSON-lines file in {@code exportDirectory} (created
   * if missing), which is flushed to disk, and only then deleted; the purge is itself recorded (as
   * {@code audit.purge} by {@code Actor.system()}). See {@code docs/security.md}.
   */
  public BmsBuilder auditRetention(Duration keep, java.nio.file.Path exportDirectory) {
    requirePositive("auditRetention", keep);
    if (exportDirectory == null) {
      throw BuilderChecks.invalid("auditRetention.exportDirectory", "must name a directory");
    }
    audit = new AuditSettings(audit.anchorInterval(), java.util.Optional.of(keep),
        java.util.Optional.of(exportDirectory));
    return this;
  }

  /** Whether {@code start()} runs the scheduler and executes queued executions (default true). */
  public BmsBuilder scheduler(boolean enabled) {
    engine.enabled = enabled;
    return this;
  }

  /** How often the scheduler fires due jobs, reaps expired leases and claims executions (default 1 s). */
  public BmsBuilder pollInterval(Duration interval) {
    engine.pollInterval = requirePositive("pollInterval", interval);
    return this;
  }

  /**
   * How long a claimed execution stays owned without a heartbeat (default 60 s; must exceed the
   * heartbeat interval). After that, a live instance marks it ABANDONED and retries it per policy.
   */
  public BmsBuilder leaseTimeout(Duration timeout) {
    engine.leaseTimeout = requirePositive("leaseTimeout", timeout);
    return this;
  }

  /**
   * How long a reported execution ({@code executions().begin}) stays RUNNING without a heartbeat
   * (default 1 h, 1 s to 30 days). After that a live instance marks it ABANDONED: the tool that
   * reported it is presumed dead, and its late {@code complete} or {@code fail} is refused. A tool
   * whose backups run longer calls {@code heartbeat} more often than this.
   */
  public BmsBuilder reportedHeartbeatTimeout(Duration timeout) {
    requirePositive("reportedHeartbeatTimeout", timeout);
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofDays(30)) > 0) {
      throw invalid("reportedHeartbeatTimeout", timeout + " must be between 1 s and 30 days");
    }
    engine.reportedHeartbeatTimeout = timeout;
    return this;
  }

  /** Executions this instance runs at once (default 4, 1-1000). */
  public BmsBuilder maxConcurrentExecutions(int max) {
    if (max < 1 || max > 1000) {
      throw invalid("maxConcurrentExecutions", max + " must be between 1 and 1000");
    }
    engine.maxConcurrent = max;
    return this;
  }

  /** Executions this instance runs at once that write to a target of {@code targetType} (default: no limit). */
  public BmsBuilder maxConcurrentPerTarget(String targetType, int max) {
    requireText("maxConcurrentPerTarget.targetType", targetType);
    if (max < 1) {
      throw invalid("maxConcurrentPerTarget." + targetType, max + " must be at least 1");
    }
    engine.perTarget.put(targetType, max);
    return this;
  }

  /**
   * A fire time older than this when the scheduler first sees it was missed (no instance ran) and is
   * handled by the job's misfire policy (default 1 min).
   */
  public BmsBuilder misfireThreshold(Duration threshold) {
    engine.misfireThreshold = requirePositive("misfireThreshold", threshold);
    return this;
  }

  /** How often RPOs are checked; a lasting breach is republished at most this often (default 1 min). */
  public BmsBuilder rpoCheckInterval(Duration interval) {
    engine.rpoCheckInterval = requirePositive("rpoCheckInterval", interval);
    return this;
  }

  /**
   * How alerts are routed and delivered (default: alerts raised and stored, nobody notified). The
   * notifiers are created (and their configuration checked) by {@link #build()}.
   */
  public BmsBuilder alerting(AlertingConfig config) {
    this.alerting = Objects.requireNonNull(config, "config");
    return this;
  }

  /**
   * Builds the manager. It is not started: call {@link BackupManager#start()}.
   *
   * @throws InvalidConfigException listing every problem
   */
  public BackupManager build() {
    return BmsModule.createManager(resolveAndLog());
  }

  /**
   * The Guice module for applications that build their own injector; validates like
   * {@link #build()}.
   */
  public BmsModule module() {
    return new BmsModule(resolveAndLog());
  }

  private Config resolveAndLog() {
    Config config = resolve();
    log.info("bms configuration: instanceId={}, storage={}, cache={}, plugins={}, targets={}, sources={}, "
            + "notifiers={}, heartbeatInterval={}, drainTimeout={}, jobCache={}/{}, warmCacheOnStart={}, engine={}, "
            + "jobMetricTags={}, audit={}",
        instanceId, config.storage().describe(), config.cacheProvider().type(),
        config.pluginNames(), config.plugins().targetTypes(), config.plugins().sourceTypes(),
        config.plugins().notifierTypes(), heartbeatInterval, drainTimeout, jobCacheSize, jobCacheTtl,
        warmCacheOnStart, config.engine(), jobMetricTags, audit);
    log.info("bms four-eyes approval: {}", config.fourEyes().policy().map(p -> "guarding " + p.guarded()
        + ", requests expire after " + p.expiry() + ", critical silences over " + p.criticalSilenceThreshold())
        .orElse("off"));
    log.info("bms alerting: notifiers={}, routes={}, fallback={}", config.alerting().notifiers().keySet(),
        config.alerting().config().routes().stream().map(r -> r.name()).toList(),
        config.alerting().config().fallback().orElse("none"));
    return config;
  }

  private Config resolve() {
    List<String> problems = new ArrayList<>();
    List<BmsPlugin> all = PluginDiscovery.withDiscovered(plugins, discoverPlugins, classLoader);
    MeterRegistry registryOrDefault = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
    PluginRegistry registry = null;
    try {
      Secrets secrets = PluginContexts.secrets(secretResolvers, all, allowLiteralSecrets);
      registry = PluginRegistry.of(all, new PluginContexts(clock, instanceId, registryOrDefault, secrets));
    } catch (InvalidConfigException e) {
      problems.addAll(e.problems());
    }
    Storage resolvedStorage = storage;
    if (resolvedStorage == null) {
      try {
        resolvedStorage = StorageResolution.create(classLoader, storageType == null ? "jdbc" : storageType, storageConfig);
      } catch (InvalidConfigException e) {
        e.problems().forEach(p -> problems.add("storage: " + p));
      }
    }
    if (engine.leaseTimeout.compareTo(heartbeatInterval) <= 0) {
      problems.add("leaseTimeout: " + engine.leaseTimeout + " must be longer than heartbeatInterval " + heartbeatInterval);
    }
    if (fourEyes != null && resolvedStorage != null && resolvedStorage.approvals().isEmpty()) {
      problems.add("fourEyes: storage " + resolvedStorage.describe() + " keeps no approval requests (it lacks the "
          + "APPROVALS capability); four-eyes approval needs them");
    }
    AlertingSetup alertingSetup = registry == null ? AlertingSetup.none()
        : AlertingSetup.create(alerting, registry, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("bms", problems);
    }
    CacheProvider caches = cacheProvider != null ? cacheProvider : new LocalCacheProvider(registryOrDefault);
    BmsSettings settings = new BmsSettings(instanceId, heartbeatInterval, drainTimeout, jobCacheSize, jobCacheTtl,
        warmCacheOnStart, gaugeRefreshInterval, copyStallTimeout);
    return new Config(resolvedStorage, caches, registryOrDefault, clock, settings, registry,
        all.stream().map(BmsPlugin::name).toList(), alertingSetup, engine.settings(),
        new Telemetry(jobMetricTags, observationRegistry),
        accessPolicy != null ? accessPolicy : new RoleAccessPolicy(),
        new FourEyesSettings(java.util.Optional.ofNullable(fourEyes)), audit);
  }

  /** The validated configuration handed to {@link BmsModule}. */
  record Config(Storage storage, CacheProvider cacheProvider, MeterRegistry meterRegistry, Clock clock,
                BmsSettings settings, PluginRegistry plugins, List<String> pluginNames, AlertingSetup alerting,
                EngineSettings engine, Telemetry telemetry, dev.bms.spi.AccessPolicy accessPolicy,
                FourEyesSettings fourEyes, AuditSettings audit) {
  }

  /** Scheduler and executor options, kept apart so they read as one group. */
  private static final class EngineOptions {
    private final EngineSettings defaults = EngineSettings.defaults();
    boolean enabled = defaults.schedulerEnabled();
    Duration pollInterval = defaults.pollInterval();
    Duration leaseTimeout = defaults.leaseTimeout();
    int maxConcurrent = defaults.maxConcurrentExecutions();
    final Map<String, Integer> perTarget = new java.util.TreeMap<>();
    Duration misfireThreshold = defaults.misfireThreshold();
    Duration rpoCheckInterval = defaults.rpoCheckInterval();
    Duration reportedHeartbeatTimeout = defaults.reportedHeartbeatTimeout();

    EngineSettings settings() {
      return new EngineSettings(enabled, pollInterval, leaseTimeout, maxConcurrent, perTarget, misfireThreshold,
          defaults.fireBatch(), defaults.maxFiresPerJob(), rpoCheckInterval, defaults.stopGrace(),
          reportedHeartbeatTimeout);
    }
  }
}
