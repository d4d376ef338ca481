package dev.bms.core.internal.execution;

import dev.bms.api.ExecutionService;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.metrics.BmsMetrics;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions in bulk: reported backups recorded many at once ({@link ExecutionService#record}), and
 * the latest executions of many jobs ({@link ExecutionService#latestByJobs}).
 */
@Singleton
public final class ExecutionImports {
  private static final Logger log = LoggerFactory.getLogger(ExecutionImports.class);
  /** Largest {@code perJob} of {@link #latestByJobs}. */
  static final int MAX_PER_JOB = 1000;

  private final Storage storage;
  private final JobService jobs;
  private final BmsMetrics metrics;
  private final EventBus events;
  private final Ids ids;
  /** Problems of a refused batch that its message shows. */
  private static final int SHOWN_PROBLEMS = 5;

  @Inject
  public ExecutionImports(Storage storage, JobService jobs, BmsMetrics metrics, EventBus events, Ids ids) {
    this.storage = storage;
    this.jobs = jobs;
    this.metrics = metrics;
    this.events = events;
    this.ids = ids;
  }

  /** Checks every entry, writes them all in one transaction, then publishes metrics and events. */
  public List<Execution> record(List<ReportedExecution> reported) {
    if (reported.size() > ExecutionService.MAX_RECORD_BATCH) {
      throw new InvalidRequestException("executions: " + reported.size() + " given, at most "
          + ExecutionService.MAX_RECORD_BATCH + " per call");
    }
    Map<JobId, Job> byId = new HashMap<>();
    TreeSet<String> missing = new TreeSet<>();
    for (ReportedExecution r : reported) {
      if (!byId.containsKey(r.jobId())) {
        Optional<Job> job = jobs.get(r.jobId());
        job.ifPresentOrElse(j -> byId.put(j.id(), j), () -> missing.add(r.jobId().toString()));
      }
    }
    if (!missing.isEmpty()) {
      String shown = String.join(", ", missing.stream().limit(SHOWN_PROBLEMS).toList());
      String more = missing.size() > SHOWN_PROBLEMS ? " and " + (missing.size() - SHOWN_PROBLEMS) + " more" : "";
      throw new NotFoundException("No job with id " + shown + more + "; nothing was recorded");
    }
    List<Execution> executions = new ArrayList<>(reported.size());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < reported.size(); i++) {
      ReportedExecution r = reported.get(i);
      try {
        executions.add(toExecution(byId.get(r.jobId()), r));
      } catch (InvalidRequestException e) {
        problems.add("executions[" + i + "]: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      // a few problems are enough to act on; 10,000 of them would make a message of megabytes
      String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), SHOWN_PROBLEMS)));
      String more = problems.size() > SHOWN_PROBLEMS ? "; and " + (problems.size() - SHOWN_PROBLEMS) + " more" : "";
      throw new InvalidRequestException(shown + more + "; nothing was recorded");
    }
    storage.executions().insertAll(executions);
    List<ExecutionFinishedEvent> finished = new ArrayList<>(executions.size());
    for (Execution e : executions) {
      Job job = byId.get(e.jobId());
      metrics.executionFinished(job, e);
      finished.add(new ExecutionFinishedEvent(job, e, e.finishedAt().orElseThrow()));
    }
    // One batch: the alert engine reads and writes its state once for the whole import.
    events.publishAll(finished);
    log.info("Recorded {} reported executions of {} jobs", executions.size(), byId.size());
    return executions;
  }

  /** See {@link ExecutionService#latestByJobs}. */
  public Map<JobId, List<Execution>> latestByJobs(Collection<JobId> jobIds, int perJob) {
    if (jobIds.size() > PageRequest.MAX_LIMIT) {
      throw new InvalidRequestException("jobIds: " + jobIds.size() + " given, at most " + PageRequest.MAX_LIMIT);
    }
    if (perJob < 1 || perJob > MAX_PER_JOB) {
      throw new InvalidRequestException("perJob must be between 1 and " + MAX_PER_JOB + ": " + perJob);
    }
    return storage.executions().latestByJobs(jobIds, perJob);
  }

  /** A finished REPORTED execution, its status derived from its copies as {@code complete} does. */
  private Execution toExecution(Job job, ReportedExecution r) {
    List<CopyResult> results = DefaultExecutionService.reconcile(job, r.copies());
    Instant started = r.startedAt().truncatedTo(ChronoUnit.MICROS);
    Instant finished = r.finishedAt().truncatedTo(ChronoUnit.MICROS);
    ExecutionOutcome outcome = ExecutionOutcome.fromCopies(results, finished);
    return Execution.builder(new ExecutionId(ids.next()), job.id(), started).mode(ExecutionMode.REPORTED)
        .trigger(ExecutionTrigger.REPORTED).status(outcome.status()).startedAt(started).finishedAt(finished)
        .heartbeatAt(finished).progressBytes(outcome.bytes()).bytes(outcome.bytes()).files(outcome.files())
        .owner(DefaultExecutionService.REPORTED_OWNER).version(1).error(outcome.error()).copies(results).build();
  }
}
