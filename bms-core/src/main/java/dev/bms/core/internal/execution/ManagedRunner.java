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
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;

/**
 * Runs one claimed, RUNNING managed execution to its end on the calling thread: the data path, a
 * heartbeat with progress every {@link BmsSettings#heartbeatInterval()} (carrying the execution's
 * version as fencing token: a refused heartbeat stops the run before it publishes anything), and
 * the final write, retried while storage is unavailable and the lease may hold.
 */
@Singleton
public final class ManagedRunner {
  private static final Logger log = LoggerFactory.getLogger(ManagedRunner.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

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
   * Writes the outcome. When storage is unavailable, the outcome is kept and the write retried
   * with backoff (100 ms doubling to 2 s) while the run's lease may hold: a database restart does
   * not turn a finished backup into a failed one. Interrupts do not cut this short.
   *
   * @throws OutcomeNotRecordedException when storage stayed unavailable past the lease
   */
  private Execution record(Job job, Execution running, ExecutionOutcome outcome, RunControl control) {
    long backoffNanos = FIRST_BACKOFF.toNanos();
    long outageStart = 0;
    while (true) {
      try {
        Execution done = recorder.finished(job, running, outcome);
        if (outageStart != 0) {
          log.info("Execution {} recorded {} once storage answered again, after {} ms", running.id(), done.status(),
              (System.nanoTime() - outageStart) / 1_000_000);
        }
        return done;
      } catch (RuntimeException e) {
        if (!StorageFaults.isUnavailable(e)) {
          throw e;
        }
        if (!control.leaseMayHold()) {
          throw new OutcomeNotRecordedException(running.id(), outcome, e);
        }
        if (outageStart == 0) {
          outageStart = System.nanoTime();
          log.warn("Execution {} finished {} but storage is unavailable ({}); keeping the outcome and retrying"
              + " while the lease holds", running.id(), outcome.status(), e.getMessage());
        }
      }
      LockSupport.parkNanos(backoffNanos);
      Thread.interrupted(); // the data path is over: nothing an interrupt could stop is left but this write
      backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
    }
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
      LiveProgress.Counters done = live.track(running.id());
      try {
        ExecutionOutcome outcome = pipeline.run(job, running, new ProgressListener() {
          @Override
          public void onProgress(long bytes) {
            done.bytes.set(bytes);
            control.onProgress(running, bytes);
          }

          @Override
          public void onFileDone(long files) {
            done.files.set(files);
          }
        });
        // an interrupt meant for the data path must not reach the storage write
        Thread.interrupted();
        Optional<RunControl.StopRequest> stop = control.stopRequest();
        if (stop.isPresent() && !outcome.status().producedRestorePoint()) {
          outcome = new ExecutionOutcome(stop.get().status(), outcome.finishedAt(), outcome.bytes(), outcome.files(),
              Optional.of(stop.get().reason()), outcome.copies(), Optional.empty());
        }
        return record(job, running, outcome, control);
      } finally {
        live.untrack(running.id());
      }
    }
  }
}
