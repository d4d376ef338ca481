package dev.bms.core.internal.engine;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks RUNNING executions whose lease expired on the database clock (their owner died or lost
 * storage for longer than the lease) ABANDONED, and queues their retries by the job's policy.
 */
final class LeaseReaper {
  private static final int BATCH = 100;

  private final Storage storage;
  private final ExecutionRecorder recorder;
  private final Retries retries;
  private final Clock clock;
  private final Counter abandoned;
  private final JobProblems problems;

  LeaseReaper(Storage storage, ExecutionRecorder recorder, Retries retries, Clock clock, MeterRegistry meters,
              JobProblems problems) {
    this.problems = problems;
    this.storage = storage;
    this.recorder = recorder;
    this.retries = retries;
    this.clock = clock;
    this.abandoned = Counter.builder("bms.executions.abandoned")
        .description("Executions this instance found with an expired lease and marked ABANDONED").register(meters);
  }

  /** Returns the executions marked ABANDONED, as stored. */
  List<Execution> reap() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Map<JobId, Optional<Job>> jobs = new HashMap<>();
    // retry runs under the executions' row locks: it only computes, with the job the store read
    List<Execution> done = RequiredStores.scheduler(storage).abandonExpired(now, BATCH, (claimed, job) -> {
      jobs.put(claimed.execution().jobId(), job);
      Execution e = claimed.execution();
      Execution asAbandoned = e.toBuilder().status(ExecutionStatus.ABANDONED).finishedAt(now).progressBytes(0)
          .bytes(0).files(0).version(e.version() + 1).error(Optional.empty()).copies(List.of()).build();
      return job.flatMap(j -> {
        try {
          return retries.after(j, asAbandoned, claimed.copySubset(), now);
        } catch (ArithmeticException | java.time.DateTimeException ex) {
          problems.failed(j, "planning the retry of abandoned execution " + e.id(), ex);
          return Optional.empty();
        }
      });
    });
    for (Execution e : done) {
      abandoned.increment();
      jobs.getOrDefault(e.jobId(), Optional.empty()).ifPresent(j -> recorder.finishedElsewhere(j, e));
    }
    return done;
  }
}
