package dev.bms.core.internal.engine;

import dev.bms.api.LeaseLostException;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.core.internal.execution.ManagedRunner;
import dev.bms.core.internal.retention.DefaultRetentionService;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.core.internal.schedule.FireTimes;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler and executor of one instance. Its poller thread, every
 * {@link EngineSettings#pollInterval()}, runs one {@link #tick()}:
 * <ol>
 *   <li>derives schedule state for new and changed jobs;</li>
 *   <li>fires due schedules (idempotent fire rows; missed fires by misfire policy, published as
 *       {@link ScheduleMissedEvent});</li>
 *   <li>marks executions whose lease expired ABANDONED and queues their retries;</li>
 *   <li>stops local runs that were cancelled or ran past their job's timeout;</li>
 *   <li>claims as many due executions as its free slots allow and hands them to its workers;</li>
 *   <li>every {@link EngineSettings#rpoCheckInterval()}, publishes {@link RpoBreachedEvent}s.</li>
 * </ol>
 * Nothing starts before {@link #start()}; {@link #close()} drains running executions up to the
 * drain timeout, then stops them as INTERRUPTED, never leaving them RUNNING.
 */
@Singleton
public final class ExecutionEngine {
  private static final Logger log = LoggerFactory.getLogger(ExecutionEngine.class);
  private static final int SYNC_BATCH = 500;
  private static final int REAP_BATCH = 100;

  private final Storage storage;
  private final ManagedRunner runner;
  private final ExecutionRecorder recorder;
  private final EventBus events;
  private final Clock clock;
  private final BmsSettings settings;
  private final EngineSettings engine;
  private final DefaultRetentionService retention;
  private final FirePlanner planner;
  private final Retries retries;
  private final ConcurrencyLimits limits;
  private final Map<ExecutionId, RunningExecution> running = new ConcurrentHashMap<>();
  private final Counter leaseLost;
  private final Counter abandoned;
  private final MeterRegistry meters;

  private ScheduledExecutorService poller;
  private ThreadPoolExecutor workers;
  private volatile boolean accepting;
  private final AtomicBoolean claimQueued = new AtomicBoolean();
  private Instant nextRpoCheck = Instant.MIN;

  @Inject
  public ExecutionEngine(Storage storage, ManagedRunner runner, ExecutionRecorder recorder, EventBus events,
                         Clock clock, Ids ids, BmsSettings settings, EngineSettings engine,
                         DefaultRetentionService retention, MeterRegistry meters) {
    this.storage = storage;
    this.runner = runner;
    this.recorder = recorder;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.engine = engine;
    this.retention = retention;
    this.planner = new FirePlanner(engine.misfireThreshold(), engine.maxFiresPerJob(), () -> new ExecutionId(ids.next()));
    this.retries = new Retries(() -> new ExecutionId(ids.next()));
    this.limits = new ConcurrencyLimits(engine.maxConcurrentExecutions(), engine.maxConcurrentPerTarget());
    this.meters = meters;
    this.leaseLost = Counter.builder("bms.executions.lease.lost")
        .description("Runs stopped because another instance took their execution over").register(meters);
    this.abandoned = Counter.builder("bms.executions.abandoned")
        .description("Executions this instance found with an expired lease and marked ABANDONED").register(meters);
  }

  /** Starts the poller and the workers, unless the scheduler is disabled or the storage cannot schedule. */
  public synchronized void start() {
    if (!engine.schedulerEnabled() || poller != null) {
      return;
    }
    try {
      storage.scheduler();
    } catch (UnsupportedOperationException e) {
      log.warn("Scheduler not started: {}", e.getMessage());
      return;
    }
    int n = engine.maxConcurrentExecutions();
    workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads("worker"));
    poller = Executors.newSingleThreadScheduledExecutor(threads("scheduler"));
    accepting = true;
    poller.scheduleWithFixedDelay(this::tickSafely, 0, engine.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    log.info("Scheduler of instance '{}' started: poll every {}, lease {}, {} executions at once{}",
        settings.instanceId(), engine.pollInterval(), engine.leaseTimeout(), n,
        engine.maxConcurrentPerTarget().isEmpty() ? "" : ", per target " + engine.maxConcurrentPerTarget());
  }

  /** Whether the poller runs. */
  public boolean started() {
    return poller != null;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Scheduler tick of instance '{}' failed; retrying next tick", settings.instanceId(), e);
    }
  }

  /**
   * One pass of the poller: sync, fire, reap, watch, claim, RPO. Public for benchmarks; the poller
   * calls it on its own thread.
   */
  public void tick() {
    syncSchedules();
    fireDue();
    reapExpired();
    watchRunning();
    claimAndRun();
    checkRpo();
  }

  /** Derives schedule state for jobs created or changed since the last pass. */
  public int syncSchedules() {
    SchedulerStore store = storage.scheduler();
    int synced = 0;
    for (int round = 0; round < 100; round++) {
      List<JobId> ids = store.jobsToSync(SYNC_BATCH);
      if (ids.isEmpty()) {
        break;
      }
      Instant now = now();
      for (Job job : storage.jobs().findAll(ids)) {
        store.saveSchedule(stateOf(job, store.schedule(job.id()), now));
        synced++;
      }
      if (ids.size() < SYNC_BATCH) {
        break;
      }
    }
    return synced;
  }

  private static ScheduleState stateOf(Job job, Optional<ScheduleState> existing, Instant now) {
    BackupJob def = job.definition();
    String fingerprint = FireTimes.fingerprint(def.schedule(), def.misfirePolicy());
    boolean fires = def.enabled() && !def.source().isExternal() && !(def.schedule() instanceof Schedule.Manual);
    Optional<Instant> next = Optional.empty();
    if (fires) {
      boolean keep = existing.isPresent() && existing.get().enabled() && existing.get().nextFireAt().isPresent()
          && existing.get().fingerprint().equals(fingerprint);
      next = keep ? existing.get().nextFireAt() : FireTimes.next(def.schedule(), now);
    }
    return new ScheduleState(job.id(), job.version(), fingerprint, def.enabled(), next, def.rpo(), Optional.empty(), now);
  }

  /** Fires due schedules; returns the fires recorded by this instance. */
  public List<Fire> fireDue() {
    SchedulerStore store = storage.scheduler();
    List<Fire> all = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      Instant now = now();
      Map<JobId, Job> jobs = new HashMap<>();
      List<Fire> recorded = store.fireDue(settings.instanceId(), now, engine.fireBatch(), due -> {
        for (Job j : storage.jobs().findAll(due.stream().map(ScheduleState::jobId).toList())) {
          jobs.put(j.id(), j);
        }
        return due.stream().map(s -> planner.plan(s, Optional.ofNullable(jobs.get(s.jobId())), now)).toList();
      });
      for (Fire f : recorded) {
        Counter.builder("bms.scheduler.fires").tag("outcome", f.outcome().name()).register(meters).increment();
        if (f.outcome() != Fire.Outcome.FIRED) {
          Job job = jobs.get(f.jobId());
          log.warn("Job '{}' missed its fire at {} ({})", job.name(), f.scheduledFor(), f.outcome());
          events.publish(new ScheduleMissedEvent(job, f.scheduledFor(), now));
        }
      }
      all.addAll(recorded);
      if (recorded.isEmpty()) {
        break;
      }
    }
    return all;
  }

  /** Marks executions with an expired lease ABANDONED and queues their retries. */
  public List<Execution> reapExpired() {
    Instant now = now();
    Map<JobId, Optional<Job>> jobs = new HashMap<>();
    List<Execution> done = storage.scheduler().abandonExpired(now, REAP_BATCH, claimed -> {
      Optional<Job> job = jobs.computeIfAbsent(claimed.execution().jobId(), id -> storage.jobs().find(id));
      Execution expired = claimed.execution();
      Execution asAbandoned = expired.toBuilder().status(ExecutionStatus.ABANDONED).finishedAt(now).progressBytes(0)
          .bytes(0).files(0).version(expired.version() + 1).error(Optional.empty()).copies(List.of()).build();
      return job.flatMap(j -> retries.after(j, asAbandoned, claimed.copySubset(), now));
    });
    for (Execution e : done) {
      abandoned.increment();
      jobs.getOrDefault(e.jobId(), Optional.empty()).ifPresent(j -> recorder.finishedElsewhere(j, e));
    }
    return done;
  }

  /** Stops local runs that were cancelled (by any instance) or passed their deadline. */
  void watchRunning() {
    if (running.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (RunningExecution r : running.values()) {
      if (r.deadline().isPresent() && !now.isBefore(r.deadline().get())) {
        r.requestStop(ExecutionStatus.TIMED_OUT, "timed out: still running at " + now + ", deadline "
            + r.deadline().get());
      }
    }
    for (ExecutionId id : storage.scheduler().cancelRequested(Set.copyOf(running.keySet()))) {
      RunningExecution r = running.get(id);
      if (r != null) {
        r.requestStop(ExecutionStatus.CANCELLED, "cancelled on request");
      }
    }
    for (RunningExecution r : running.values()) {
      r.interruptIfIgnored(engine.stopGrace());
    }
  }

  /** Asks a run of this instance to stop. Returns false when it does not run here. */
  boolean stopLocal(ExecutionId id, ExecutionStatus status, String reason) {
    RunningExecution r = running.get(id);
    if (r == null) {
      return false;
    }
    r.requestStop(status, reason);
    return true;
  }

  /** Claims what fits in the free slots and hands it to the workers. */
  public int claimAndRun() {
    int total = 0;
    for (int round = 0; round < 10 && accepting; round++) {
      int limit = limits.claimLimit();
      if (limit <= 0) {
        break;
      }
      List<ClaimedExecution> claimed;
      try {
        claimed = storage.scheduler().claim(settings.instanceId(), now(), engine.leaseTimeout(), limit,
            limits.saturated());
      } catch (RuntimeException e) {
        // e.g. a rare clash on the one-running-per-job constraint between two claimers: retried next pass
        log.debug("Claim failed; retrying next pass", e);
        break;
      }
      for (ClaimedExecution c : claimed) {
        limits.acquire(c.targetTypes());
        try {
          workers.execute(() -> work(c));
        } catch (RejectedExecutionException shutdown) {
          limits.release(c.targetTypes());
        }
      }
      total += claimed.size();
      if (claimed.size() < limit) {
        break;
      }
    }
    return total;
  }

  private void work(ClaimedExecution c) {
    Execution e = c.execution();
    RunningExecution r = null;
    Job job = null;
    try {
      Optional<Job> found = storage.jobs().find(e.jobId());
      if (found.isEmpty()) {
        return; // the job was deleted: its executions went with it
      }
      job = found.get();
      r = new RunningExecution(c, storage.scheduler(), clock, settings.heartbeatInterval(), engine.leaseTimeout(),
          job.definition().timeout());
      r.bindWorker(Thread.currentThread());
      running.put(e.id(), r);
      recorder.claimed(job, e);
      Optional<Job> effective = withCopies(job, c.copySubset());
      Execution done;
      if (effective.isEmpty()) {
        done = recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.FAILED, now(), 0, 0,
            Optional.of("the copies to retry " + c.copySubset() + " are no longer part of the job"), List.of()));
      } else {
        done = runner.run(effective.get(), e, r);
      }
      afterFinish(job, done, c.copySubset());
    } catch (LeaseLostException lost) {
      leaseLost.increment();
      log.warn("Execution {} lost its lease; nothing more recorded by this instance: {}", e.id(), lost.getMessage());
    } catch (RuntimeException failure) {
      log.error("Execution {} failed unexpectedly", e.id(), failure);
      recordCrash(job, e, failure);
    } finally {
      if (r != null) {
        r.unbindWorker();
      }
      running.remove(e.id());
      Thread.interrupted();
      limits.release(c.targetTypes());
      wakeUp();
    }
  }

  private void recordCrash(Job job, Execution e, RuntimeException failure) {
    if (job == null) {
      return;
    }
    try {
      recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.FAILED, now(), 0, 0,
          Optional.of("bms failed: " + failure), List.of()));
    } catch (RuntimeException again) {
      log.warn("Could not record the failure of execution {}; its lease will expire", e.id(), again);
    }
  }

  private void afterFinish(Job job, Execution done, List<String> subset) {
    retries.after(job, done, subset, now()).ifPresent(retry -> {
      storage.scheduler().enqueue(retry);
      log.info("Execution {} of job '{}' {}: attempt {} queued for {}{}", done.id(), job.name(), done.status(),
          retry.execution().attempt(), retry.dueAt(), retry.copySubset().isEmpty() ? "" : " (copies " + retry.copySubset() + ")");
    });
    if (done.status().producedRestorePoint()) {
      try {
        retention.applyAfterRun(job);
      } catch (RuntimeException ex) {
        log.warn("Retention of job '{}' failed after execution {}", job.name(), done.id(), ex);
      }
    }
  }

  /** The job limited to the named copies; empty when none of them exists any more. */
  private static Optional<Job> withCopies(Job job, List<String> subset) {
    if (subset.isEmpty()) {
      return Optional.of(job);
    }
    List<CopySpec> copies = job.definition().copies().stream().filter(c -> subset.contains(c.name())).toList();
    if (copies.isEmpty()) {
      return Optional.empty();
    }
    BackupJob.Builder b = job.definition().toBuilder().clearCopies();
    copies.forEach(b::copy);
    return Optional.of(new Job(job.id(), b.build(), job.version(), job.createdAt(), job.updatedAt()));
  }

  /**
   * Claims again on the poller thread now that a slot is free. At most one such claim waits at a
   * time: workers finishing together share it (it claims for all the free slots) rather than each
   * queueing a claim of its own.
   */
  private void wakeUp() {
    ScheduledExecutorService p = poller;
    if (p != null && accepting && claimQueued.compareAndSet(false, true)) {
      try {
        p.execute(() -> {
          claimQueued.set(false);
          try {
            claimAndRun();
          } catch (RuntimeException e) {
            log.debug("Claim after a finished run failed", e);
          }
        });
      } catch (RejectedExecutionException shuttingDown) {
        claimQueued.set(false); // closing: nothing more to claim
      }
    }
  }

  /** Publishes RPO breaches, at most once per check interval per job across instances. */
  void checkRpo() {
    Instant now = now();
    if (now.isBefore(nextRpoCheck)) {
      return;
    }
    nextRpoCheck = now.plus(engine.rpoCheckInterval());
    SchedulerStore store = storage.scheduler();
    List<ScheduleState> withRpo = store.schedulesWithRpo().stream().filter(ScheduleState::enabled).toList();
    if (withRpo.isEmpty()) {
      return;
    }
    Map<JobId, Instant> lastSuccess = storage.executions().lastSuccessByJob();
    List<ScheduleState> candidates = withRpo.stream().filter(s -> {
      Instant last = lastSuccess.get(s.jobId());
      return last == null || last.plus(s.rpo().get()).isBefore(now);
    }).toList();
    if (candidates.isEmpty()) {
      return;
    }
    Map<JobId, Job> jobs = new HashMap<>();
    storage.jobs().findAll(candidates.stream().map(ScheduleState::jobId).toList()).forEach(j -> jobs.put(j.id(), j));
    for (ScheduleState s : candidates) {
      Job job = jobs.get(s.jobId());
      if (job == null || job.definition().rpo().isEmpty()) {
        continue;
      }
      Optional<Instant> last = Optional.ofNullable(lastSuccess.get(s.jobId()));
      Instant since = last.orElse(job.createdAt());
      if (since.plus(job.definition().rpo().get()).isBefore(now)
          && store.markRpoNotified(job.id(), now, now.minus(engine.rpoCheckInterval()))) {
        log.warn("Job '{}' breaches its RPO of {}: last success {}", job.name(), job.definition().rpo().get(),
            last.map(Instant::toString).orElse("never"));
        events.publish(new RpoBreachedEvent(job, job.definition().rpo().get(), last, now));
      }
    }
  }

  /**
   * Stops claiming, lets running executions finish for up to the drain timeout, then stops them as
   * INTERRUPTED (recording that with their fencing token if their worker does not), and queues
   * their retries per policy.
   */
  public synchronized void close() {
    if (poller == null) {
      return;
    }
    accepting = false;
    poller.shutdown();
    awaitQuietly(poller, engine.pollInterval().plusSeconds(10).toMillis());
    workers.shutdown();
    if (!awaitQuietly(workers, settings.drainTimeout().toMillis())) {
      String reason = "interrupted: bms instance '" + settings.instanceId() + "' shut down and the execution was"
          + " still running after the drain timeout of " + settings.drainTimeout();
      running.values().forEach(r -> r.requestStop(ExecutionStatus.INTERRUPTED, reason));
      if (!awaitQuietly(workers, engine.stopGrace().toMillis())) {
        running.values().forEach(r -> r.interruptIfIgnored(java.time.Duration.ZERO));
        workers.shutdownNow();
        if (!awaitQuietly(workers, engine.stopGrace().toMillis())) {
          forceInterrupted(reason);
        }
      }
    }
    poller = null;
    log.info("Scheduler of instance '{}' stopped", settings.instanceId());
  }

  /** Records INTERRUPTED for runs whose worker never came back; their late writes are refused. */
  private void forceInterrupted(String reason) {
    for (RunningExecution r : running.values()) {
      Execution e = r.execution();
      storage.jobs().find(e.jobId()).ifPresent(job -> {
        try {
          Execution done = recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.INTERRUPTED, now(), 0, 0,
              Optional.of(reason), List.of()));
          afterFinish(job, done, r.claimed().copySubset());
        } catch (LeaseLostException alreadyDone) {
          // its worker recorded it after all, or another instance took it over
        }
      });
    }
  }

  private static boolean awaitQuietly(java.util.concurrent.ExecutorService executor, long millis) {
    try {
      return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ThreadFactory threads(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
