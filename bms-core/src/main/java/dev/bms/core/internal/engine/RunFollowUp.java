package dev.bms.core.internal.engine;

import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.core.internal.retention.DefaultRetentionService;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import dev.bms.spi.storage.QueuedExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What follows a recorded run: its retry by the job's policy, and retention once it made a restore point. */
final class RunFollowUp {
  private static final Logger log = LoggerFactory.getLogger(RunFollowUp.class);

  private final Storage storage;
  private final Retries retries;
  private final DefaultRetentionService retention;
  private final Clock clock;
  private final JobProblems problems;

  RunFollowUp(Storage storage, Retries retries, DefaultRetentionService retention, Clock clock, JobProblems problems) {
    this.problems = problems;
    this.storage = storage;
    this.retries = retries;
    this.retention = retention;
    this.clock = clock;
  }

  /** Queues the retry of {@code done} (an attempt that wrote the copies {@code subset}) and applies retention. */
  void after(Job job, Execution done, List<String> subset) {
    Optional<QueuedExecution> next;
    try {
      next = retries.after(job, done, subset, clock.instant().truncatedTo(ChronoUnit.MICROS));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      problems.failed(job, "planning the retry of execution " + done.id(), e);
      next = Optional.empty();
    }
    Optional<SchedulerStore> queue = storage.scheduler();
    if (next.isPresent() && queue.isEmpty()) {
      log.info("Execution {} of job '{}' {}: no retry, the storage {} has no scheduler to queue it", done.id(),
          job.name(), done.status(), storage.describe());
      next = Optional.empty();
    }
    next.ifPresent(retry -> {
      queue.get().enqueue(retry);
      log.info("Execution {} of job '{}' {}: attempt {} queued for {}{}", done.id(), job.name(), done.status(),
          retry.execution().attempt(), retry.dueAt(),
          retry.copySubset().isEmpty() ? "" : " (copies " + retry.copySubset() + ")");
    });
    if (done.status().producedRestorePoint()) {
      try {
        retention.applyAfterRun(job);
      } catch (RuntimeException ex) {
        log.warn("Retention of job '{}' failed after execution {}", job.name(), done.id(), ex);
      }
    }
  }
}
