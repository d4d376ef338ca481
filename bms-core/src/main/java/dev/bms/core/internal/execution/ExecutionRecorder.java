package dev.bms.core.internal.execution;

import dev.bms.api.ConflictException;
import dev.bms.api.LeaseLostException;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.event.ExecutionStartedEvent;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.tx.AfterCommit;
import dev.bms.core.internal.metrics.BmsMetrics;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes execution state changes and, once committed, publishes them: metrics, log line, event.
 * The one place both modes (managed and reported) and every caller (runNow, scheduler) go through.
 */
@Singleton
public final class ExecutionRecorder {
  private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);

  private final Storage storage;
  private final BmsMetrics metrics;
  private final EventBus events;

  @Inject
  public ExecutionRecorder(Storage storage, BmsMetrics metrics, EventBus events) {
    this.storage = storage;
    this.metrics = metrics;
    this.events = events;
  }

  /** Inserts a new RUNNING execution and announces it. */
  public Execution started(Job job, Execution execution) {
    storage.executions().insert(execution);
    log.info("Execution {} of job '{}' started ({}, {})", execution.id(), job.name(), execution.mode(), execution.trigger());
    events.publish(new ExecutionStartedEvent(job, execution, execution.startedAt().orElse(execution.createdAt())));
    return execution;
  }

  /** Announces an execution this instance claimed from the queue (already RUNNING in storage). */
  public Execution claimed(Job job, Execution execution) {
    log.info("Execution {} of job '{}' started ({}, {}, attempt {})", execution.id(), job.name(), execution.mode(),
        execution.trigger(), execution.attempt());
    events.publish(new ExecutionStartedEvent(job, execution, execution.startedAt().orElse(execution.createdAt())));
    return execution;
  }

  /** Announces an execution that reached a terminal state without a worker (cancelled while PENDING, abandoned). */
  public void finishedElsewhere(Job job, Execution done) {
    AfterCommit.run(() -> metrics.executionFinished(job, done));
    log.warn("Execution {} of job '{}' {}: {}", done.id(), job.name(), done.status(), done.error().orElse(""));
    events.publish(new ExecutionFinishedEvent(job, done, done.finishedAt().orElse(done.createdAt())));
  }

  /**
   * Writes the terminal state if {@code running}'s version still holds, then announces it.
   *
   * @throws LeaseLostException when the version is stale (another instance owns it now) or it
   *     already finished; nothing was written
   */
  public Execution finished(Job job, Execution running, ExecutionOutcome outcome) {
    if (!storage.executions().finish(running.id(), running.version(), outcome)) {
      throw new LeaseLostException("Execution " + running.id() + " (version " + running.version()
          + ") was finished or taken over elsewhere; its result was not recorded");
    }
    Execution done = running.toBuilder().status(outcome.status()).finishedAt(outcome.finishedAt())
        .progressBytes(outcome.bytes()).bytes(outcome.bytes()).files(outcome.files()).error(outcome.error())
        .copies(outcome.copies()).build();
    AfterCommit.run(() -> metrics.executionFinished(job, done));
    if (done.status().producedRestorePoint()) {
      log.info("Execution {} of job '{}' {}: {} bytes, {} files in {} ms", done.id(), job.name(), done.status(),
          done.bytes(), done.files(), done.duration().toMillis());
    } else {
      log.warn("Execution {} of job '{}' {}: {}", done.id(), job.name(), done.status(), done.error().orElse(""));
    }
    events.publish(new ExecutionFinishedEvent(job, done, outcome.finishedAt()));
    return done;
  }

  /** Like {@link #finished} for reported executions, where a refusal means "already finished". */
  public Execution finishedReported(Job job, Execution running, ExecutionOutcome outcome) {
    try {
      return finished(job, running, outcome);
    } catch (LeaseLostException e) {
      throw new ConflictException("Execution " + running.id() + " already finished");
    }
  }
}
