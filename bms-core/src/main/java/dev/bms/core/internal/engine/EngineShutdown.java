package dev.bms.core.internal.engine;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the engine without leaving a run RUNNING: refuses new {@code runNow} runs, stops polling,
 * lets running executions (claimed and {@code runNow}) finish for up to the drain timeout, then asks them to stop as INTERRUPTED, interrupts those that do not
 * notice within the stop grace, and finally records INTERRUPTED itself (with the run's fencing
 * token) for runs whose thread never came back, queueing their retries.
 */
final class EngineShutdown {
  private final Storage storage;
  private final ExecutionRecorder recorder;
  private final RunWatchdog watchdog;
  private final RunFollowUp followUp;
  private final Clock clock;
  private final BmsSettings settings;
  private final EngineSettings engine;

  EngineShutdown(Storage storage, ExecutionRecorder recorder, RunWatchdog watchdog, RunFollowUp followUp, Clock clock,
                 BmsSettings settings, EngineSettings engine) {
    this.storage = storage;
    this.recorder = recorder;
    this.watchdog = watchdog;
    this.followUp = followUp;
    this.clock = clock;
    this.settings = settings;
    this.engine = engine;
  }

  /**
   * Stops the engine's threads ({@code poller} and {@code workers} are null when the scheduler did
   * not run) and ends every run of this instance, claimed or {@code runNow}: drained, stopped, or
   * recorded INTERRUPTED. Returns once no run is left RUNNING by this instance.
   */
  void shutdown(ExecutorService poller, ExecutorService workers) {
    watchdog.close();
    if (poller != null) {
      poller.shutdown();
      awaitQuietly(poller, engine.pollInterval().plusSeconds(10).toMillis());
    }
    if (workers != null) {
      workers.shutdown();
    }
    if (watchdog.awaitIdle(settings.drainTimeout().toNanos())) {
      awaitQuietly(workers, engine.stopGrace().toMillis());
      return;
    }
    String reason = "interrupted: bms instance '" + settings.instanceId() + "' shut down and the execution was"
        + " still running after the drain timeout of " + settings.drainTimeout();
    watchdog.runs().forEach(r -> r.requestStop(ExecutionStatus.INTERRUPTED, reason));
    if (watchdog.awaitIdle(engine.stopGrace().toNanos())) {
      awaitQuietly(workers, engine.stopGrace().toMillis());
      return;
    }
    watchdog.runs().forEach(r -> r.interruptIfIgnored(Duration.ZERO));
    if (workers != null) {
      workers.shutdownNow();
    }
    if (!watchdog.awaitIdle(engine.stopGrace().toNanos())) {
      forceInterrupted(reason);
    }
  }

  /** Records INTERRUPTED for runs whose worker never came back; their late writes are refused. */
  private void forceInterrupted(String reason) {
    for (RunningExecution r : watchdog.runs()) {
      Execution e = r.execution();
      storage.jobs().find(e.jobId()).ifPresent(job -> {
        try {
          Execution done = recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.INTERRUPTED,
              clock.instant().truncatedTo(ChronoUnit.MICROS), 0, 0, Optional.of(reason), List.of()));
          followUp.after(job, done, r.claimed().copySubset());
        } catch (LeaseLostException alreadyDone) {
          // its worker recorded it after all, or another instance took it over
        }
      });
    }
  }

  private static boolean awaitQuietly(ExecutorService executor, long millis) {
    if (executor == null) {
      return true;
    }
    try {
      return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
