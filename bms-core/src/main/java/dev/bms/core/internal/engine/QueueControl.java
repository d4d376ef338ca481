package dev.bms.core.internal.engine;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.spi.storage.QueuedExecution;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The engine seen from the execution API: {@code submit} and {@code cancel} (the queue),
 * {@code runNow} (a watched, leased run of this instance), and the leases of reported executions
 * ({@code begin}, {@code heartbeat}): a reported execution is inserted with a lease of the
 * reported heartbeat timeout, each heartbeat renews it, and one that expires is marked ABANDONED
 * like a dead instance's run.
 */
@Singleton
public final class QueueControl {
  private final Storage storage;
  private final ExecutionEngine engine;
  private final ExecutionRecorder recorder;
  private final Ids ids;
  private final Clock clock;

  private final EngineSettings settings;

  @Inject
  public QueueControl(Storage storage, ExecutionEngine engine, ExecutionRecorder recorder, Ids ids, Clock clock,
                      EngineSettings settings) {
    this.storage = storage;
    this.engine = engine;
    this.recorder = recorder;
    this.ids = ids;
    this.clock = clock;
    this.settings = settings;
  }

  /** Runs a managed job now on the calling thread; see {@link ExecutionEngine#runNow}. */
  public Execution runNow(Job job, Execution running) {
    return engine.runNow(job, running);
  }

  /**
   * Records a reported execution's start: RUNNING, with a lease of the reported heartbeat timeout and
   * the hash of its report token, in one insert.
   */
  public Execution begin(Job job, Execution running, byte[] reportTokenHash) {
    Optional<SchedulerStore> leases = storage.scheduler();
    if (leases.isEmpty()) {
      storage.executions().insertReported(running, reportTokenHash);
      return recorder.claimed(job, running);
    }
    leases.get().insertReported(running, settings.reportedHeartbeatTimeout(), reportTokenHash);
    return recorder.claimed(job, running);
  }

  /**
   * Records a reported execution's progress and renews its lease.
   *
   * @return false when it finished meanwhile (or was abandoned)
   */
  public boolean heartbeat(Execution current, long progressBytes, Instant at) {
    Optional<SchedulerStore> leases = storage.scheduler();
    if (leases.isEmpty() || current.mode() != ExecutionMode.REPORTED) {
      // a managed run's lease is its owner's to renew
      return storage.executions().heartbeat(current.id(), current.version(), progressBytes, at);
    }
    return leases.get().renewLease(current.id(), current.version(), progressBytes, at,
        settings.reportedHeartbeatTimeout());
  }

  /** Queues a managed run of the job, due now, for any instance's next free worker. */
  public Execution submit(Job job) {
    if (job.definition().source().isExternal()) {
      throw new InvalidRequestException("Job '" + job.name() + "' has an external source: its backups are run by"
          + " another tool and reported with executions().begin(jobId); it cannot be submitted");
    }
    Instant now = now();
    Execution pending = Execution.builder(new ExecutionId(ids.next()), job.id(), now).build();
    RequiredStores.scheduler(storage).enqueue(new QueuedExecution(pending, now, FirePlanner.targetTypes(job.definition()), List.of(),
        Optional.empty()));
    return pending;
  }

  /** Cancels a PENDING execution at once, or asks whichever instance runs it to stop it. */
  public Execution cancel(ExecutionId id, java.util.function.Function<JobId, Optional<Job>> jobs) {
    Execution current = storage.executions().find(id)
        .orElseThrow(() -> new NotFoundException("No execution with id " + id));
    if (current.status().isTerminal()) {
      throw new ConflictException("Execution " + id + " already finished with status " + current.status());
    }
    if (current.mode() == ExecutionMode.REPORTED) {
      throw new InvalidRequestException("Execution " + id + " is reported by an external tool; record its end with"
          + " executions().fail(id, reason)");
    }
    if (current.status() == ExecutionStatus.PENDING && RequiredStores.scheduler(storage).cancelPending(id, now())) {
      Execution cancelled = storage.executions().find(id).orElseThrow();
      jobs.apply(cancelled.jobId()).ifPresent(job -> recorder.finishedElsewhere(job, cancelled));
      return cancelled;
    }
    // RUNNING (or claimed meanwhile): stop it here if it runs here, else flag it for its owner
    if (!engine.stopLocal(id, ExecutionStatus.CANCELLED, "cancelled on request")) {
      RequiredStores.scheduler(storage).requestCancel(id);
    }
    return storage.executions().find(id).orElseThrow(() -> new NotFoundException("No execution with id " + id));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
