package dev.bms.core.internal.engine;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.LeaseLostException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.core.internal.execution.ManagedRunner;
import dev.bms.core.internal.execution.OutcomeNotRecordedException;
import dev.bms.core.internal.execution.StorageFaults;
import dev.bms.core.internal.Mdc;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed execution on a worker thread: under its lease and the watchdog, writing only the
 * copies the claim names, then its follow-up (retry, retention). A lost lease records nothing more;
 * a crash of bms itself is recorded FAILED when storage still takes it.
 */
final class ClaimedRunWorker {
  private static final Logger log = LoggerFactory.getLogger(ClaimedRunWorker.class);

  private final Storage storage;
  private final ManagedRunner runner;
  private final ExecutionRecorder recorder;
  private final RunWatchdog watchdog;
  private final RunFollowUp followUp;
  private final Clock clock;
  private final BmsSettings settings;
  private final EngineSettings engine;
  private final Counter leaseLost;

  ClaimedRunWorker(Storage storage, ManagedRunner runner, ExecutionRecorder recorder, RunWatchdog watchdog,
                   RunFollowUp followUp, Clock clock, BmsSettings settings, EngineSettings engine,
                   MeterRegistry meters) {
    this.storage = storage;
    this.runner = runner;
    this.recorder = recorder;
    this.watchdog = watchdog;
    this.followUp = followUp;
    this.clock = clock;
    this.settings = settings;
    this.engine = engine;
    this.leaseLost = Counter.builder("bms.executions.lease.lost")
        .description("Runs stopped because another instance took their execution over").register(meters);
  }

  void run(ClaimedExecution c) {
    Execution e = c.execution();
    try (Mdc ignored = Mdc.of(e.jobId(), "", e.id())) {
      runClaimed(c);
    }
  }

  private void runClaimed(ClaimedExecution c) {
    Execution e = c.execution();
    RunningExecution r = null;
    Job job = null;
    try {
      Optional<Job> found = storage.jobs().find(e.jobId());
      if (found.isEmpty()) {
        return; // the job was deleted: its executions went with it
      }
      job = found.get();
      MDC.put(Mdc.JOB_NAME, job.name());
      r = new RunningExecution(c, RequiredStores.scheduler(storage), clock, settings.heartbeatInterval(), engine.leaseTimeout(),
          job.definition().timeout());
      r.bindWorker(Thread.currentThread());
      if (!watchdog.add(r)) {
        r = null;
        return; // shutting down: the claim's lease expires and another instance runs it
      }
      recorder.claimed(job, e);
      Optional<Job> effective = withCopies(job, c.copySubset());
      Execution done;
      if (effective.isEmpty()) {
        done = recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.FAILED, now(), 0, 0,
            Optional.of("the copies to retry " + c.copySubset() + " are no longer part of the job"), List.of()));
      } else {
        done = runner.run(effective.get(), e, r);
      }
      followUp.after(job, done, c.copySubset());
    } catch (LeaseLostException lost) {
      leaseLost.increment();
      log.warn("Execution {} lost its lease; nothing more recorded by this instance: {}", e.id(), lost.getMessage());
    } catch (OutcomeNotRecordedException unrecorded) {
      log.error("{} When storage is back, an instance marks it ABANDONED and retries it by policy", unrecorded.getMessage());
    } catch (RuntimeException failure) {
      if (StorageFaults.isUnavailable(failure)) {
        // not the backup's fault: leave it to the lease (ABANDONED, retried by policy) rather than record FAILED
        log.warn("Execution {} stopped: storage unavailable ({}); its lease will expire and it will be retried by"
            + " policy", e.id(), failure.getMessage());
      } else {
        log.error("Execution {} failed unexpectedly", e.id(), failure);
        recordCrash(job, e, failure);
      }
    } finally {
      if (r != null) {
        r.unbindWorker();
        watchdog.remove(r);
      }
      Thread.interrupted();
    }
  }

  private void recordCrash(Job job, Execution e, RuntimeException failure) {
    if (job == null) {
      return;
    }
    try {
      recorder.finished(job, e, new ExecutionOutcome(ExecutionStatus.FAILED, now(), 0, 0,
          Optional.of("bms failed: " + failure), List.of()));
    } catch (RuntimeException again) {
      log.warn("Could not record the failure of execution {}; its lease will expire", e.id(), again);
    }
  }

  /** The job limited to the named copies; empty when none of them exists any more. */
  private static Optional<Job> withCopies(Job job, List<String> subset) {
    if (subset.isEmpty()) {
      return Optional.of(job);
    }
    List<CopySpec> copies = job.definition().copies().stream().filter(c -> subset.contains(c.name())).toList();
    if (copies.isEmpty()) {
      return Optional.empty();
    }
    BackupJob.Builder b = job.definition().toBuilder().clearCopies();
    copies.forEach(b::copy);
    return Optional.of(new Job(job.id(), b.build(), job.version(), job.createdAt(), job.updatedAt()));
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
