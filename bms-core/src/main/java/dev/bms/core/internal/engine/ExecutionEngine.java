package dev.bms.core.internal.engine;

import dev.bms.core.internal.approval.ApprovalExpiry;
import dev.bms.core.internal.Mdc;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.core.internal.execution.ManagedRunner;
import dev.bms.core.internal.health.HealthMonitor;
import dev.bms.core.internal.retention.DefaultRetentionService;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler and executor of one instance. Its poller thread, every
 * {@link EngineSettings#pollInterval()}, runs one {@link #tick()}:
 * <ol>
 *   <li>{@link ScheduleSync} derives schedule state for new and changed jobs;</li>
 *   <li>{@link ScheduleFiring} fires due schedules (idempotent fire rows; missed fires by misfire
 *       policy, published as {@link ScheduleMissedEvent});</li>
 *   <li>{@link LeaseReaper} marks executions whose lease expired ABANDONED and queues their retries;</li>
 *   <li>{@link RunWatchdog} stops local runs that were cancelled or ran past their job's timeout;</li>
 *   <li>{@link ExecutionClaimer} claims as many due executions as the free slots allow and hands
 *       them to the workers ({@link ClaimedRunWorker});</li>
 *   <li>{@link RpoMonitor}, every {@link EngineSettings#rpoCheckInterval()}, publishes
 *       {@link RpoBreachedEvent}s.</li>
 * </ol>
 * Nothing starts before {@link #start()}; {@link #close()} ({@link EngineShutdown}) drains running
 * executions up to the drain timeout, then stops them as INTERRUPTED, never leaving them RUNNING.
 */
@Singleton
public final class ExecutionEngine {
  private static final Logger log = LoggerFactory.getLogger(ExecutionEngine.class);

  private final Storage storage;
  private final BmsSettings settings;
  private final EngineSettings engine;
  private final ScheduleSync sync;
  private final ScheduleFiring firing;
  private final LeaseReaper reaper;
  private final RunWatchdog watchdog;
  private final ExecutionClaimer claimer;
  private final RpoMonitor rpo;
  private final ApprovalExpiry approvals;
  private final EngineShutdown shutdown;

  private final RunNowExecutor runNow;
  private final DefaultRetentionService retention;
  private final OutageBackoff backoff;

  private final AtomicLong completedPasses = new AtomicLong();
  private ScheduledExecutorService poller;
  private ThreadPoolExecutor workers;
  private boolean closed;

  @Inject
  public ExecutionEngine(Storage storage, ManagedRunner runner, ExecutionRecorder recorder, EventBus events,
                         Clock clock, Ids ids, BmsSettings settings, EngineSettings engine,
                         DefaultRetentionService retention, MeterRegistry meters, HealthMonitor health,
                         ApprovalExpiry approvals) {
    this.approvals = approvals;
    this.storage = storage;
    this.settings = settings;
    this.engine = engine;
    Retries retries = new Retries(() -> new ExecutionId(ids.next()));
    FirePlanner planner = new FirePlanner(engine.misfireThreshold(), engine.maxFiresPerJob(),
        () -> new ExecutionId(ids.next()));
    JobProblems problems = new JobProblems(events, clock);
    RunFollowUp followUp = new RunFollowUp(storage, retries, retention, clock, problems);
    this.sync = new ScheduleSync(storage, clock, problems);
    this.firing = new ScheduleFiring(storage, events, clock, planner, settings.instanceId(), engine.fireBatch(), meters,
        problems);
    this.reaper = new LeaseReaper(storage, recorder, retries, clock, meters, problems);
    this.watchdog = new RunWatchdog(storage, clock, engine.stopGrace());
    ClaimedRunWorker worker = new ClaimedRunWorker(storage, runner, recorder, watchdog, followUp, clock, settings,
        engine, meters);
    this.claimer = new ExecutionClaimer(storage, worker,
        new ConcurrencyLimits(engine.maxConcurrentExecutions(), engine.maxConcurrentPerTarget()), clock,
        settings.instanceId(), engine);
    this.rpo = new RpoMonitor(storage, events, clock, engine.rpoCheckInterval(), problems);
    this.retention = retention;
    this.runNow = new RunNowExecutor(storage, runner, recorder, watchdog, clock, settings, engine);
    this.backoff = new OutageBackoff(settings.instanceId(), engine.pollInterval(), health);
    this.shutdown = new EngineShutdown(storage, recorder, watchdog, followUp, clock, settings, engine);
  }

  /**
   * Starts the poller and the workers, unless the storage cannot schedule. With the scheduler
   * disabled, only the watchdog of {@code runNow} runs starts.
   */
  public synchronized void start() {
    if (poller != null) {
      return;
    }
    closed = false; // a start after a close (a failed start undone) runs again
    watchdog.open();
    if (storage.scheduler().isEmpty()) {
      log.warn("Scheduler not started: the storage {} has no scheduler store", storage.describe());
      return;
    }
    if (!engine.schedulerEnabled()) {
      poller = Executors.newSingleThreadScheduledExecutor(threads("watchdog"));
      poller.scheduleWithFixedDelay(this::watchSafely, 0, engine.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    int n = engine.maxConcurrentExecutions();
    workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads("worker"));
    poller = Executors.newSingleThreadScheduledExecutor(threads("scheduler"));
    claimer.accept(workers, poller);
    poller.scheduleWithFixedDelay(this::tickSafely, 0, engine.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    log.info("Scheduler of instance '{}' started: poll every {}, lease {}, {} executions at once{}",
        settings.instanceId(), engine.pollInterval(), engine.leaseTimeout(), n,
        engine.maxConcurrentPerTarget().isEmpty() ? "" : ", per target " + engine.maxConcurrentPerTarget());
  }

  /** Whether the scheduler's poller runs. */
  public boolean started() {
    return poller != null && workers != null;
  }

  private void tickSafely() {
    if (!backoff.due()) {
      return;
    }
    try {
      tick();
      completedPasses.incrementAndGet();
      backoff.succeeded();
    } catch (RuntimeException e) {
      backoff.failed(e);
    }
  }

  private void watchSafely() {
    try {
      watchdog.watch();
    } catch (RuntimeException e) {
      log.warn("Watching the runs of instance '{}' failed; retrying next pass: {}", settings.instanceId(),
          e.getMessage());
    }
  }

  /**
   * Runs {@code executions().runNow} on the calling thread as a run of this instance: owned, leased,
   * watched (timeout, cancel) and drained by {@link #close()} like a claimed run.
   *
   * @param running the new RUNNING execution, owned by this instance
   */
  public Execution runNow(Job job, Execution running) {
    Execution done = runNow.run(job, running);
    // as after a claimed run (RunFollowUp): a run-now that made a restore point applies retention too
    if (done.id().equals(running.id()) && done.status().producedRestorePoint()) {
      try (Mdc ignored = Mdc.of(job.id(), job.name(), done.id())) {
        retention.applyAfterRun(job);
      } catch (RuntimeException e) {
        log.warn("Retention of job '{}' failed after execution {}", job.name(), done.id(), e);
      }
    }
    return done;
  }

  /**
   * One pass of the poller: sync, fire, reap, watch, claim, RPO, expired approval requests (once a
   * minute, see {@link ApprovalExpiry}). Public for benchmarks; the poller
   * calls it on its own thread.
   */
  public void tick() {
    sync.sync();
    firing.fireDue();
    reaper.reap();
    watchdog.watch();
    claimer.claimAndRun();
    rpo.check();
    approvals.sweep();
  }

  /**
   * How many passes the poller has completed without failing. A pass that completes after this
   * count was read two more times began after it was read: whatever was due at that moment (by the
   * injected clock) has been fired, claimed, timed out or published by then. Tests wait on it to
   * prove that something did <em>not</em> happen, instead of waiting for some wall time.
   */
  public long completedPasses() {
    return completedPasses.get();
  }

  /** Derives schedule state for jobs created or changed since the last pass. */
  public int syncSchedules() {
    return sync.sync();
  }

  /** Fires due schedules; returns the fires recorded by this instance. */
  public List<Fire> fireDue() {
    return firing.fireDue();
  }

  /** Marks executions with an expired lease ABANDONED and queues their retries. */
  public List<Execution> reapExpired() {
    return reaper.reap();
  }

  /** Claims what fits in the free slots and hands it to the workers. */
  public int claimAndRun() {
    return claimer.claimAndRun();
  }

  /** Asks a run of this instance to stop. Returns false when it does not run here. */
  boolean stopLocal(ExecutionId id, ExecutionStatus status, String reason) {
    return watchdog.stop(id, status, reason);
  }

  /**
   * Stops claiming, lets running executions finish for up to the drain timeout, then stops them as
   * INTERRUPTED (recording that with their fencing token if their worker does not), and queues
   * their retries per policy.
   */
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    claimer.stopAccepting();
    shutdown.shutdown(poller, workers);
    if (workers != null) {
      log.info("Scheduler of instance '{}' stopped", settings.instanceId());
    }
    poller = null;
    workers = null;
  }

  private ThreadFactory threads(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
