package dev.bms.core.internal.compliance;

import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.engine.EngineSettings;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.report.RollupRefresher;
import dev.bms.core.internal.verify.VerificationPolicyRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of compliance and reports, started by {@code BackupManager.start()}: keeps
 * the stored verdicts ({@link ComplianceRefresher}) and the execution rollups
 * ({@link RollupRefresher}) current, records lock proofs
 * as copies are written, and polls due verification policies every minute on its own thread
 * ({@link VerificationPolicyRunner#runDue}; each due run is claimed in storage, so with several
 * instances each runs once). An instance built with {@code scheduler(false)} executes nothing and
 * so runs no verification policies either.
 *
 * <p>Why not on the engine's poller: that thread fires schedules, reaps expired leases and claims
 * executions every {@code pollInterval}, and a verification (a restore test of a large restore
 * point) can take hours; run there, it would stall every claim meanwhile. A hook on the poller would
 * only trigger this thread, so it would save nothing but the minute timer.
 */
@Singleton
public final class ComplianceBackground {
  private static final Logger log = LoggerFactory.getLogger(ComplianceBackground.class);
  static final Duration POLL = Duration.ofMinutes(1);
  /** How soon a job whose facts changed is re-evaluated. */
  static final Duration REFRESH = Duration.ofSeconds(10);
  /** How often every job is re-evaluated, for the facts that change with time alone. */
  public static final Duration SWEEP = Duration.ofMinutes(5);

  private final EventBus events;
  private final LockProofRecorder recorder;
  private final VerificationPolicyRunner runner;
  private final Clock clock;
  private final BmsSettings settings;
  private final boolean runPolicies;
  private final ComplianceRefresher refresher;
  private final RollupRefresher rollups;
  private AutoCloseable rollupSubscription;
  private AutoCloseable subscription;
  private AutoCloseable refresherSubscription;
  private ScheduledExecutorService poller;
  private ScheduledExecutorService verdicts;

  @Inject
  public ComplianceBackground(EventBus events, LockProofRecorder recorder, VerificationPolicyRunner runner, Clock clock,
                              BmsSettings settings, EngineSettings engine, ComplianceRefresher refresher,
                              RollupRefresher rollups) {
    this.refresher = refresher;
    this.rollups = rollups;
    this.events = events;
    this.recorder = recorder;
    this.runner = runner;
    this.clock = clock;
    this.settings = settings;
    this.runPolicies = engine.schedulerEnabled();
  }

  /** Subscribes the lock recorder and, unless the scheduler is disabled, starts the verification poll. */
  public synchronized void start() {
    if (subscription != null) {
      return;
    }
    subscription = events.subscribe(recorder);
    // marks are kept (one per job at most) even where nothing flushes them in the background
    refresherSubscription = events.subscribe(refresher);
    // execution rollups for reports: on every instance, see RollupRefresher
    rollupSubscription = events.subscribe(rollups);
    rollups.start();
    if (!runPolicies) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-verifications");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    // stored verdicts: only where the scheduler runs, like verification policies (an instance built
    // with scheduler(false) does no background work; evaluateAll() or a scheduling instance's sweep
    // brings its changes in)
    // on a thread of its own: a verification on the poller may run for hours
    verdicts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-verdicts");
      t.setDaemon(true);
      return t;
    });
    verdicts.scheduleWithFixedDelay(() -> quietly(refresher::flush), REFRESH.toMillis(), REFRESH.toMillis(),
        TimeUnit.MILLISECONDS);
    verdicts.scheduleWithFixedDelay(() -> quietly(refresher::sweep), POLL.toMillis(), SWEEP.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void quietly(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("Refreshing stored compliance verdicts failed", e);
    }
  }

  private void poll() {
    try {
      while (runner.runDue(clock.instant()).size() >= 100) {
        // a full batch: more may be due
      }
    } catch (RuntimeException e) {
      log.warn("Running due verifications failed", e);
    }
  }

  /** Stops the poll (a running verification is interrupted) and unsubscribes. */
  public synchronized void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
    if (rollupSubscription != null) {
      rollups.stop();
      try {
        rollupSubscription.close();
      } catch (Exception e) {
        log.debug("Unsubscribing the rollup refresher failed", e);
      }
      rollupSubscription = null;
    }
    if (verdicts != null) {
      verdicts.shutdownNow();
      verdicts = null;
    }
    if (refresherSubscription != null) {
      try {
        refresherSubscription.close();
      } catch (Exception e) {
        log.debug("Unsubscribing the compliance refresher failed", e);
      }
      refresherSubscription = null;
    }
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        log.debug("Unsubscribing the lock recorder failed", e);
      }
      subscription = null;
    }
  }
}
