package dev.bms.core.internal.compliance;

import dev.bms.core.internal.BmsSettings;
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
 * as copies are written, and polls due verification policies every minute. The poll is a stand-in
 * for the clustered scheduler: when it lands, it calls {@link VerificationPolicyRunner#runDue}
 * instead and this poll goes (runs are claimed in storage, so both running at once is harmless).
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
  private AutoCloseable subscription;
  private ScheduledExecutorService poller;

  @Inject
  public ComplianceBackground(EventBus events, LockProofRecorder recorder, VerificationPolicyRunner runner, Clock clock,
                              BmsSettings settings) {
    this.events = events;
    this.recorder = recorder;
    this.runner = runner;
    this.clock = clock;
    this.settings = settings;
  }

  /** Subscribes the lock recorder and starts the verification poll. */
  public synchronized void start() {
    if (poller != null) {
      return;
    }
    subscription = events.subscribe(recorder);
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
