package dev.bms.core.internal.engine;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.ConflictException;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims as many due executions as this instance's free slots allow and hands them to its workers;
 * when a worker finishes, claims again at once on the poller thread rather than at the next tick.
 */
final class ExecutionClaimer {
  private static final Logger log = LoggerFactory.getLogger(ExecutionClaimer.class);

  private final Storage storage;
  private final ClaimedRunWorker worker;
  private final ConcurrencyLimits limits;
  private final Clock clock;
  private final String instanceId;
  private final EngineSettings engine;
  private final AtomicBoolean claimQueued = new AtomicBoolean();
  private volatile ExecutorService workers;
  private volatile ScheduledExecutorService poller;
  private volatile boolean accepting;

  ExecutionClaimer(Storage storage, ClaimedRunWorker worker, ConcurrencyLimits limits, Clock clock, String instanceId,
                   EngineSettings engine) {
    this.storage = storage;
    this.worker = worker;
    this.limits = limits;
    this.clock = clock;
    this.instanceId = instanceId;
    this.engine = engine;
  }

  /** Starts handing claims to {@code workers}; claims after a finished run go to {@code poller}. */
  void accept(ExecutorService workers, ScheduledExecutorService poller) {
    this.workers = workers;
    this.poller = poller;
    this.accepting = true;
  }

  /** Stops claiming (shutdown). */
  void stopAccepting() {
    accepting = false;
  }

  /** Claims what fits in the free slots and hands it to the workers; returns how many were claimed. */
  int claimAndRun() {
    int total = 0;
    for (int round = 0; round < 10 && accepting; round++) {
      int limit = limits.claimLimit();
      if (limit <= 0) {
        break;
      }
      List<ClaimedExecution> claimed;
      try {
        claimed = RequiredStores.scheduler(storage).claim(instanceId, clock.instant().truncatedTo(ChronoUnit.MICROS),
            engine.leaseTimeout(), limit, limits.saturated());
      } catch (ConflictException e) {
        // a rare clash on the one-running-per-job constraint between two claimers: retried next pass
        log.debug("Claim clashed with another instance's; retrying next pass", e);
        break;
      } catch (RuntimeException e) {
        log.warn("Claim of instance '{}' failed; retrying next pass: {}", instanceId, e.getMessage(), e);
        break;
      }
      for (ClaimedExecution c : claimed) {
        limits.acquire(c.targetTypes());
        try {
          workers.execute(() -> runAndRelease(c));
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

  private void runAndRelease(ClaimedExecution c) {
    try {
      worker.run(c);
    } finally {
      limits.release(c.targetTypes());
      wakeUp();
    }
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
            log.warn("Claim after a finished run failed; retrying next pass: {}", e.getMessage(), e);
          }
        });
      } catch (RejectedExecutionException shuttingDown) {
        claimQueued.set(false); // closing: nothing more to claim
      }
    }
  }
}
