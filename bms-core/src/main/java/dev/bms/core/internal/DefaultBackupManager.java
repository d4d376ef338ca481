package dev.bms.core.internal;

import dev.bms.api.Actor;
import dev.bms.api.AlertService;
import dev.bms.api.approval.ApprovalService;
import dev.bms.api.BackupServices;
import dev.bms.api.audit.AuditService;
import dev.bms.core.internal.approval.FourEyes;
import dev.bms.core.internal.audit.AuditTrail;
import dev.bms.core.internal.audit.AuditedView;
import dev.bms.core.internal.audit.AuditMaintenance;
import dev.bms.core.internal.audit.DefaultAuditService;
import dev.bms.api.BackupManager;
import dev.bms.api.ExecutionService;
import dev.bms.api.JobService;
import dev.bms.api.RestoreService;
import dev.bms.api.RetentionService;
import dev.bms.core.internal.restore.DefaultRestoreService;
import dev.bms.api.ScheduleService;
import dev.bms.core.internal.engine.EngineServices;
import dev.bms.api.VerificationService;
import dev.bms.api.ComplianceService;
import dev.bms.api.report.ReportService;
import dev.bms.core.internal.compliance.ComplianceBackground;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.Subscription;
import dev.bms.core.internal.alert.AlertEngine;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.health.HealthMonitor;
import dev.bms.api.StorageUnavailableException;
import dev.bms.api.health.Health;
import dev.bms.core.internal.job.DefaultJobService;
import dev.bms.core.internal.metrics.StateGauges;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.AccessPolicy;
import dev.bms.spi.storage.Storage;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade. Owns the lifecycle: {@link #start()} connects storage, warms the job cache and starts
 * the background threads, all or nothing; {@link #close()} stops them and closes what the manager
 * was given (storage, cache provider, targets).
 */
@Singleton
public final class DefaultBackupManager implements BackupManager {
  private static final Logger log = LoggerFactory.getLogger(DefaultBackupManager.class);

  private final Storage storage;
  private final CacheProvider caches;
  private final PluginRegistry plugins;
  private final DefaultJobService jobs;
  private final ExecutionService executions;
  private final VerificationService verifications;
  private final StateGauges gauges;
  private final EventBus events;
  private final Lifecycle lifecycle;
  private final BmsSettings settings;
  private final AlertService alerts;
  private final AlertEngine alertEngine;
  private final ComplianceService compliance;
  private final ReportService reports;
  private final ComplianceBackground complianceBackground;
  private final EngineServices engine;
  private final Injector injector;
  private final HealthMonitor health;
  private ScheduledExecutorService background;
  private final DefaultRestoreService restores;
  private final AuditTrail trail;
  private final AccessPolicy policy;
  private final AuditedView.Services raw;
  private final AuditedView application;
  private final AuditMaintenance auditMaintenance;
  private final FourEyes fourEyes;

  @Inject
  public DefaultBackupManager(Storage storage, CacheProvider caches, PluginRegistry plugins, DefaultJobService jobs,
                              ExecutionService executions, VerificationService verifications, StateGauges gauges,
                              EventBus events, Lifecycle lifecycle, BmsSettings settings, AlertService alerts,
                              AlertEngine alertEngine, ComplianceService compliance, ReportService reports,
                              ComplianceBackground complianceBackground, EngineServices engine,
                              HealthMonitor health, DefaultRestoreService restores, Injector injector,
                              DefaultAuditService audit, AuditTrail trail, AccessPolicy policy, FourEyes fourEyes,
                              AuditMaintenance auditMaintenance) {
    this.storage = storage;
    this.caches = caches;
    this.plugins = plugins;
    this.jobs = jobs;
    this.executions = executions;
    this.verifications = verifications;
    this.gauges = gauges;
    this.events = events;
    this.lifecycle = lifecycle;
    this.settings = settings;
    this.alerts = alerts;
    this.alertEngine = alertEngine;
    this.compliance = compliance;
    this.reports = reports;
    this.complianceBackground = complianceBackground;
    this.engine = engine;
    this.injector = injector;
    this.health = health;
    this.restores = restores;
    this.trail = trail;
    this.raw = new AuditedView.Services(jobs, executions, engine.retention(), engine.schedules(), verifications,
        compliance, reports, alerts, restores, audit);
    this.policy = policy;
    this.fourEyes = fourEyes;
    this.application = new AuditedView(raw, Actor.application(), trail, policy, fourEyes);
    fourEyes.bind((requester, request, approver) -> new AuditedView(raw, requester, trail, policy, fourEyes,
        new AuditedView.ApprovedRun(request, approver)));
    this.auditMaintenance = auditMaintenance;
  }

  /**
   * The services as seen by {@code actor}, every audited call recorded with it. Attributing calls to
   * {@link Actor#system()} is reserved to bms's own work.
   */
  @Override
  public BackupServices as(Actor actor) {
    if (actor == null) {
      throw new InvalidRequestException("actor: must not be null");
    }
    return actor.equals(Actor.application()) ? application : new AuditedView(raw, actor, trail, policy, fourEyes);
  }

  @Override
  public AuditService audit() {
    return application.audit();
  }

  @Override
  public ApprovalService approvals() {
    return application.approvals();
  }

  @Override
  public Health health() {
    return health.health();
  }

  /**
   * A part of this manager's own wiring, for bms's tests and benchmarks that drive internals
   * directly. Not an API: applications never need it.
   */
  public <T> T internal(Class<T> type) {
    return injector.getInstance(type);
  }

  @Override
  public AlertService alerts() {
    return application.alerts();
  }

  @Override
  public JobService jobs() {
    return application.jobs();
  }

  @Override
  public ExecutionService executions() {
    return application.executions();
  }

  @Override
  public VerificationService verifications() {
    return application.verifications();
  }

  @Override
  public ComplianceService compliance() {
    return application.compliance();
  }

  @Override
  public ReportService reports() {
    return application.reports();
  }

  @Override
  public RetentionService retention() {
    return application.retention();
  }

  @Override
  public ScheduleService schedules() {
    return application.schedules();
  }

  @Override
  public RestoreService restores() {
    return application.restores();
  }

  @Override
  public Subscription subscribe(BmsEventListener listener) {
    if (listener == null) {
      throw new InvalidRequestException("listener: must not be null");
    }
    return events.subscribe(listener);
  }

  /**
   * Starts storage, the job cache and every background thread, and only then marks the manager
   * started. When a step fails, the steps already done are undone in reverse order and the
   * manager stays NEW, so {@code start()} can be called again (storage, whose start is idempotent,
   * stays connected for that retry; {@code close()} releases it).
   */
  @Override
  public synchronized void start() {
    if (!lifecycle.needsStart()) {
      return;
    }
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      try {
        storage.start();
      } catch (StorageUnavailableException e) {
        health.storageUnavailable(e);
        throw e;
      }
      health.start();
      undo.push(health::stopProbing);
      if (settings.warmCacheOnStart()) {
        int n = jobs.warmCache();
        log.debug("Warmed the job cache with {} jobs", n);
      }
      gauges.refresh();
      startGaugeRefresh();
      undo.push(this::stopGaugeRefresh);
      complianceBackground.start();
      undo.push(complianceBackground::stop);
      alertEngine.start();
      undo.push(alertEngine::close);
      engine.engine().start();
      undo.push(engine.engine()::close);
      if (engine.engine().started()) {
        health.schedulerUp();
      } else {
        health.schedulerDisabled("scheduling is switched off or the storage cannot schedule");
      }
      lifecycle.markStarted();
      // anchors the audit chain's head (and applies the audit retention, recorded as bms's own) now and
      // on its interval; a failure is logged and retried, it never stops the manager
      auditMaintenance.start(as(Actor.system()).audit());
    } catch (RuntimeException | Error e) {
      while (!undo.isEmpty()) {
        try {
          undo.pop().run();
        } catch (RuntimeException undoFailed) {
          e.addSuppressed(undoFailed);
        }
      }
      log.warn("bms instance '{}' did not start; what had started was stopped and start() may be retried",
          settings.instanceId(), e);
      throw e;
    }
    log.info("bms instance '{}' started on {}", settings.instanceId(), storage.describe());
  }

  private void startGaugeRefresh() {
    background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-gauges");
      t.setDaemon(true);
      return t;
    });
    long every = settings.gaugeRefreshInterval().toMillis();
    background.scheduleWithFixedDelay(gauges::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  private void stopGaugeRefresh() {
    if (background != null) {
      background.shutdownNow();
      background = null;
    }
  }

  @Override
  public synchronized void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    health.close();
    // drains running executions first: they still need storage and targets
    try {
      engine.engine().close();
    } catch (RuntimeException e) {
      log.warn("Stopping the scheduler failed", e);
    }
    stopGaugeRefresh();
    auditMaintenance.stop();
    // running restores stop (CANCELLED, recorded) while storage and targets are still open
    restores.close();
    complianceBackground.stop();
    alertEngine.close();
    closeQuietly("targets", plugins);
    closeQuietly("cache", caches);
    closeQuietly("storage", storage);
    log.info("bms instance '{}' closed", settings.instanceId());
  }

  private static void closeQuietly(String what, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Closing the {} failed", what, e);
    }
  }
}
