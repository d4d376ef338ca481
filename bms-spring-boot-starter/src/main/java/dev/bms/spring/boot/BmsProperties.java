package dev.bms.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code bms.*} properties. Every option maps to one {@code BmsBuilder} option of the same name;
 * unset options keep the builder's defaults (documented in docs/configuration.md).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "bms")
public class BmsProperties {
  /** Whether to create and start a BackupManager. */
  private boolean enabled = true;
  /** Names this instance in execution owners, thread names and logs (default: host-pid-random). */
  private String instanceId;
  /** Whether to find plugins on the class path with ServiceLoader (BmsPlugin beans are always added). */
  private boolean discoverPlugins = true;
  private final Storage storage = new Storage();
  private final Scheduler scheduler = new Scheduler();
  private final JobCache jobCache = new JobCache();
  private final Cache cache = new Cache();
  private final Metrics metrics = new Metrics();
  private final Audit audit = new Audit();
  private final FourEyes fourEyes = new FourEyes();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public boolean isDiscoverPlugins() {
    return discoverPlugins;
  }

  public void setDiscoverPlugins(boolean discoverPlugins) {
    this.discoverPlugins = discoverPlugins;
  }

  public Storage getStorage() {
    return storage;
  }

  public Scheduler getScheduler() {
    return scheduler;
  }

  public JobCache getJobCache() {
    return jobCache;
  }

  public Cache getCache() {
    return cache;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Audit getAudit() {
    return audit;
  }

  /** The audit trail's anchor and retention. */
  public static class Audit {
    /** How often (and once at start) the audit chain's head is logged and set on its gauge (default 1 h). */
    private Duration anchorInterval;
    /** How long audit records are kept before they are exported and purged (default: forever). */
    private Duration retention;
    /** Where purged audit records are exported first (required with a retention). */
    private java.nio.file.Path exportDirectory;

    public Duration getAnchorInterval() {
      return anchorInterval;
    }

    public void setAnchorInterval(Duration anchorInterval) {
      this.anchorInterval = anchorInterval;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }

    public java.nio.file.Path getExportDirectory() {
      return exportDirectory;
    }

    public void setExportDirectory(java.nio.file.Path exportDirectory) {
      this.exportDirectory = exportDirectory;
    }
  }

  public FourEyes getFourEyes() {
    return fourEyes;
  }

  /** Four-eyes approval of destructive calls (docs/security.md); off unless enabled. */
  public static class FourEyes {
    /** Whether guarded calls made through bms.as(actor) are held for a second actor's approval. */
    private boolean enabled;
    /** The guarded actions (DELETE_JOB, DELETE_RESTORE_POINTS, ...); unset: all of them. */
    private java.util.Set<dev.bms.api.approval.GuardedAction> guarded;
    /** How long a request waits for a decision (default 24h). */
    private Duration expiry;
    /** The longest silence of critical alerts that needs no approval (default 4h). */
    private Duration criticalSilenceThreshold;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public java.util.Set<dev.bms.api.approval.GuardedAction> getGuarded() {
      return guarded;
    }

    public void setGuarded(java.util.Set<dev.bms.api.approval.GuardedAction> guarded) {
      this.guarded = guarded;
    }

    public Duration getExpiry() {
      return expiry;
    }

    public void setExpiry(Duration expiry) {
      this.expiry = expiry;
    }

    public Duration getCriticalSilenceThreshold() {
      return criticalSilenceThreshold;
    }

    public void setCriticalSilenceThreshold(Duration criticalSilenceThreshold) {
      this.criticalSilenceThreshold = criticalSilenceThreshold;
    }

    /** The policy these properties describe, or null when four-eyes approval is off. */
    dev.bms.api.approval.FourEyesPolicy policy() {
      if (!enabled) {
        return null;
      }
      dev.bms.api.approval.FourEyesPolicy p = dev.bms.api.approval.FourEyesPolicy.defaults();
      if (guarded != null) {
        p = new dev.bms.api.approval.FourEyesPolicy(guarded, p.expiry(), p.criticalSilenceThreshold());
      }
      if (expiry != null) {
        p = p.withExpiry(expiry);
      }
      if (criticalSilenceThreshold != null) {
        p = p.withCriticalSilenceThreshold(criticalSilenceThreshold);
      }
      return p;
    }
  }

  /** bms's meters. */
  public static class Metrics {
    /**
     * The job dimension of bms's meters: "none" (default: no job tag, the scrape does not grow with the
     * jobs), "per-job" (tag job, for a few dozen jobs) or "label:<key>" (tag job.group, the value of
     * that job label).
     */
    private String jobTags = "none";

    public String getJobTags() {
      return jobTags;
    }

    public void setJobTags(String jobTags) {
      this.jobTags = jobTags;
    }
  }

  /** The shared cache across instances (default: none, each instance keeps a local Caffeine cache). */
  public static class Cache {
    private final Redis redis = new Redis();

    public Redis getRedis() {
      return redis;
    }
  }

  /** The Redis near cache of bms-cache-redis; active when {@code address} is set. */
  public static class Redis {
    /** {@code redis://host:port} or {@code rediss://host:port}; setting it turns the Redis cache on. */
    private String address;
    /** The Redis password (AUTH), if any. */
    private String password;
    /** The Redis database number. */
    private int database;
    /** Prefix of every key and channel: instances share invalidations only when they share it. */
    private String keyPrefix = "bms";

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public int getDatabase() {
      return database;
    }

    public void setDatabase(int database) {
      this.database = database;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }
  }

  /** Where bms keeps its tables. */
  public static class Storage {
    /**
     * Whether to use the application's DataSource when there is one (PostgreSQL or H2). When false, or
     * when the application has none, bms runs on its own embedded H2 database in {@code embedded-directory}.
     */
    private boolean useApplicationDataSource = true;
    /** The schema bms's tables live in, on the application's DataSource (default: the connection's own). */
    private String schema;
    /** The directory of the embedded H2 database used when there is no application DataSource. */
    private Path embeddedDirectory = Path.of("bms-data");

    public boolean isUseApplicationDataSource() {
      return useApplicationDataSource;
    }

    public void setUseApplicationDataSource(boolean useApplicationDataSource) {
      this.useApplicationDataSource = useApplicationDataSource;
    }

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public Path getEmbeddedDirectory() {
      return embeddedDirectory;
    }

    public void setEmbeddedDirectory(Path embeddedDirectory) {
      this.embeddedDirectory = embeddedDirectory;
    }
  }

  /** The scheduler and executor of this instance. */
  public static class Scheduler {
    /** Whether this instance fires schedules and runs queued executions (false: API only). */
    private boolean enabled = true;
    /** How often due jobs are fired, expired leases reaped and executions claimed. */
    private Duration pollInterval;
    /** Executions this instance runs at once. */
    private Integer maxConcurrentExecutions;
    /** How often a running execution renews its lease. */
    private Duration heartbeatInterval;
    /** How long a claimed execution stays owned without a heartbeat. */
    private Duration leaseTimeout;
    /** A fire time older than this when first seen was missed and follows the job's misfire policy. */
    private Duration misfireThreshold;
    /** How long shutdown lets running executions finish before recording them INTERRUPTED. */
    private Duration drainTimeout;
    /** How long one call into a target may block before that copy alone fails (its siblings go on). */
    private Duration copyStallTimeout;
    /** How long a reported execution stays RUNNING without a heartbeat before it is ABANDONED. */
    private Duration reportedHeartbeatTimeout;
    /** How often RPOs are checked (and a lasting breach republished at most). */
    private Duration rpoCheckInterval;
    /** Per target type, executions this instance runs at once that write to it. */
    private Map<String, Integer> maxConcurrentPerTarget = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Integer getMaxConcurrentExecutions() {
      return maxConcurrentExecutions;
    }

    public void setMaxConcurrentExecutions(Integer maxConcurrentExecutions) {
      this.maxConcurrentExecutions = maxConcurrentExecutions;
    }

    public Duration getHeartbeatInterval() {
      return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getLeaseTimeout() {
      return leaseTimeout;
    }

    public void setLeaseTimeout(Duration leaseTimeout) {
      this.leaseTimeout = leaseTimeout;
    }

    public Duration getMisfireThreshold() {
      return misfireThreshold;
    }

    public void setMisfireThreshold(Duration misfireThreshold) {
      this.misfireThreshold = misfireThreshold;
    }

    public Duration getDrainTimeout() {
      return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
    }

    public Duration getCopyStallTimeout() {
      return copyStallTimeout;
    }

    public void setCopyStallTimeout(Duration copyStallTimeout) {
      this.copyStallTimeout = copyStallTimeout;
    }

    public Duration getReportedHeartbeatTimeout() {
      return reportedHeartbeatTimeout;
    }

    public void setReportedHeartbeatTimeout(Duration reportedHeartbeatTimeout) {
      this.reportedHeartbeatTimeout = reportedHeartbeatTimeout;
    }

    public Duration getRpoCheckInterval() {
      return rpoCheckInterval;
    }

    public void setRpoCheckInterval(Duration rpoCheckInterval) {
      this.rpoCheckInterval = rpoCheckInterval;
    }

    public Map<String, Integer> getMaxConcurrentPerTarget() {
      return maxConcurrentPerTarget;
    }

    public void setMaxConcurrentPerTarget(Map<String, Integer> maxConcurrentPerTarget) {
      this.maxConcurrentPerTarget = maxConcurrentPerTarget;
    }
  }

  /** The job definition cache. */
  public static class JobCache {
    /** Jobs held at most. */
    private long maximumSize = 100_000;
    /** How long a cached job is trusted. */
    private Duration ttl = Duration.ofMinutes(10);

    public long getMaximumSize() {
      return maximumSize;
    }

    public void setMaximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }
  }
}
