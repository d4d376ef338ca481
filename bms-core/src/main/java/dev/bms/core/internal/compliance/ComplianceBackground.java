package dev.bms.core.internal.compliance;

import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.engine.EngineSettings;
import dev.bms.core.internal.event.EventBus;
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
 * The background work of compliance, started by {@code BackupManager.start()}: records lock proofs
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

  private final EventBus events;
  private final LockProofRecorder recorder;
  private final VerificationPolicyRunner runner;
  private final Clock clock;
  private final BmsSettings settings;
  private final boolean runPolicies;
  private AutoCloseable subscription;
  private ScheduledExecutorService poller;

  @Inject
  public ComplianceBackground(EventBus events, LockProofRecorder recorder, VerificationPolicyRunner runner, Clock clock,
                              BmsSettings settings, EngineSettings engine) {
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
    if (!runPolicies) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-verifications");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
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
