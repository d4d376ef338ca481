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
   * Runs and records the execution.
   *
   * @throws LeaseLostException when another instance took the execution over meanwhile
   */
  public Execution run(Job job, Execution running) {
    try (Mdc ignored = Mdc.of(job.id(), job.name(), running.id())) {
      AtomicLong done = live.track(running.id());
      long[] lastBeat = {clock.millis()};
      try {
        ExecutionOutcome outcome = pipeline.run(job, running, bytes -> {
          done.set(bytes);
          long now = clock.millis();
          if (now - lastBeat[0] >= heartbeatMillis) {
            lastBeat[0] = now;
            if (!storage.executions().heartbeat(running.id(), running.version(), bytes, clock.instant())) {
              throw new LeaseLostException("heartbeat of execution " + running.id() + " refused: version "
                  + running.version() + " is stale");
            }
          }
        });
        return recorder.finished(job, running, outcome);
      } finally {
        live.untrack(running.id());
      }
    }
  }
}
