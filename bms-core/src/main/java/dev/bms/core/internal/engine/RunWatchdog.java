package dev.bms.core.internal.engine;

import dev.bms.core.internal.tx.AfterCommit;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs executing on this instance (claimed and {@code runNow} alike), and their watchdog: each pass stops those that passed their
 * deadline (TIMED_OUT) or were asked to stop by any instance (CANCELLED), and interrupts a run that
 * did not notice its stop request within the stop grace.
 */
final class RunWatchdog {
  private final Map<ExecutionId, RunningExecution> running = new ConcurrentHashMap<>();
  private final Storage storage;
  private final Clock clock;
  private final Duration stopGrace;

  RunWatchdog(Storage storage, Clock clock, Duration stopGrace) {
    this.storage = storage;
    this.clock = clock;
    this.stopGrace = stopGrace;
  }

  private boolean open = true;

  /**
   * Watches a run from now on.
   *
   * @return false when the engine is shutting down: the run must not start
   */
  synchronized boolean add(RunningExecution r) {
    if (!open) {
      return false;
    }
    running.put(r.execution().id(), r);
    return true;
  }

  /** Forgets a run that ended on its thread, and tells whoever waits for it. */
  void remove(RunningExecution r) {
    running.remove(r.execution().id(), r);
    r.markDone();
  }

  /** Accepts runs again (a start after a stop). */
  synchronized void open() {
    open = true;
  }

  /** Refuses new runs from now on (shutdown). */
  synchronized void close() {
    open = false;
  }

  /** Waits until every run ended or {@code nanos} passed; returns whether every run ended. */
  boolean awaitIdle(long nanos) {
    long end = System.nanoTime() + nanos;
    try {
      for (RunningExecution r : runs()) {
        if (!r.awaitDone(Math.max(0, end - System.nanoTime()))) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return running.isEmpty();
    }
  }

  boolean isEmpty() {
    return running.isEmpty();
  }

  /** The runs of this instance now. */
  Collection<RunningExecution> runs() {
    return List.copyOf(running.values());
  }

  /** Asks a run of this instance to stop. Returns false when it does not run here. */
  boolean stop(ExecutionId id, ExecutionStatus status, String reason) {
    RunningExecution r = running.get(id);
    if (r == null) {
      return false;
    }
    // a stop cannot be undone: inside a joint transaction (an audited cancel) it is signalled once committed
    AfterCommit.run(() -> r.requestStop(status, reason));
    return true;
  }

  /** One pass: deadlines, cancel requests, interrupts of runs that ignore their stop. */
  void watch() {
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
    // cancel requests go through the scheduler store; without one, only this instance can cancel
    Set<ExecutionId> cancelled = storage.scheduler().map(s -> s.cancelRequested(Set.copyOf(running.keySet())))
        .orElse(Set.of());
    for (ExecutionId id : cancelled) {
      stop(id, ExecutionStatus.CANCELLED, "cancelled on request");
    }
    for (RunningExecution r : running.values()) {
      r.interruptIfIgnored(stopGrace);
    }
  }
}
