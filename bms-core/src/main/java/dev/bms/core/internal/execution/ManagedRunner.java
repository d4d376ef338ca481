package dev.bms.core.internal.execution;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Mdc;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one claimed, RUNNING managed execution to its end on the calling thread: the data path, a
 * heartbeat with progress every {@link BmsSettings#heartbeatInterval()} (carrying the execution's
 * version as fencing token: a refused heartbeat stops the run before it publishes anything), and
 * the final write.
 */
@Singleton
public final class ManagedRunner {
  private final BackupPipeline pipeline;
  private final ExecutionRecorder recorder;
  private final LiveProgress live;
  private final Storage storage;
  private final Clock clock;
  private final long heartbeatMillis;

  @Inject
  public ManagedRunner(BackupPipeline pipeline, ExecutionRecorder recorder, LiveProgress live, Storage storage,
                       Clock clock, BmsSettings settings) {
    this.pipeline = pipeline;
    this.recorder = recorder;
    this.live = live;
    this.storage = storage;
    this.clock = clock;
    this.heartbeatMillis = settings.heartbeatInterval().toMillis();
  }

  /**
   * Runs and records the execution, heartbeating through the execution store every heartbeat interval.
   *
   * @throws LeaseLostException when another instance took the execution over meanwhile
   */
  public Execution run(Job job, Execution running) {
    long[] lastBeat = {clock.millis()};
    return run(job, running, new RunControl() {
      @Override
      public void onProgress(Execution execution, long bytes) {
        long now = clock.millis();
        if (now - lastBeat[0] >= heartbeatMillis) {
          lastBeat[0] = now;
          if (!storage.executions().heartbeat(execution.id(), execution.version(), bytes, clock.instant())) {
            throw new LeaseLostException("heartbeat of execution " + execution.id() + " refused: version "
                + execution.version() + " is stale");
          }
        }
      }

      @Override
      public Optional<StopRequest> stopRequest() {
        return Optional.empty();
      }
    });
  }

  /**
   * Runs and records the execution under {@code control}: progress goes to it (lease renewal,
   * stop checks); when it requested a stop and the run did not complete anyway, the execution is
   * recorded with the stop's status (CANCELLED, TIMED_OUT, INTERRUPTED) and reason.
   *
   * @throws LeaseLostException when another instance took the execution over meanwhile
   */
  public Execution run(Job job, Execution running, RunControl control) {
    try (Mdc ignored = Mdc.of(job.id(), job.name(), running.id())) {
      AtomicLong done = live.track(running.id());
      try {
        ExecutionOutcome outcome = pipeline.run(job, running, bytes -> {
          done.set(bytes);
          control.onProgress(running, bytes);
        });
        // an interrupt meant for the data path must not reach the storage write
        Thread.interrupted();
        Optional<RunControl.StopRequest> stop = control.stopRequest();
        if (stop.isPresent() && !outcome.status().producedRestorePoint()) {
          outcome = new ExecutionOutcome(stop.get().status(), outcome.finishedAt(), outcome.bytes(), outcome.files(),
              Optional.of(stop.get().reason()), outcome.copies(), Optional.empty());
        }
        return recorder.finished(job, running, outcome);
      } finally {
        live.untrack(running.id());
      }
    }
  }
}
