package dev.bms.core.internal.engine;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.LeaseLostException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Mdc;
import dev.bms.core.internal.execution.ExecutionRecorder;
import dev.bms.core.internal.execution.ManagedRunner;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code executions().runNow} on the caller's thread as a run of this instance like a claimed
 * one: inserted RUNNING with this instance as owner and a lease (one transaction), its lease
 * renewed by its heartbeats, watched for its timeout and for cancel requests, and drained, stopped
 * or recorded INTERRUPTED by {@code close()} before storage closes.
 */
final class RunNowExecutor {
  private static final Logger log = LoggerFactory.getLogger(RunNowExecutor.class);

  private final Storage storage;
  private final ManagedRunner runner;
  private final ExecutionRecorder recorder;
  private final RunWatchdog watchdog;
  private final Clock clock;
  private final BmsSettings settings;
  private final EngineSettings engine;

  RunNowExecutor(Storage storage, ManagedRunner runner, ExecutionRecorder recorder, RunWatchdog watchdog, Clock clock,
                 BmsSettings settings, EngineSettings engine) {
    this.storage = storage;
    this.runner = runner;
    this.recorder = recorder;
    this.watchdog = watchdog;
    this.clock = clock;
    this.settings = settings;
    this.engine = engine;
  }

  /**
   * Runs {@code running} (a new RUNNING execution owned by this instance) to its end.
   *
   * @return the execution as recorded: by this run, or, when it lost its lease meanwhile, by
   *     whoever took it over (ABANDONED)
   */
  Execution run(Job job, Execution running) {
    Optional<SchedulerStore> leases = storage.scheduler();
    try (Mdc ignored = Mdc.of(job.id(), job.name(), running.id())) {
      if (leases.isEmpty()) {
        // a storage that cannot hold leases: heartbeats only, no watchdog
        recorder.started(job, running);
        return runner.run(job, running);
      }
      RunningExecution r = new RunningExecution(
          new ClaimedExecution(running, List.of(), FirePlanner.targetTypes(job.definition()),
              running.startedAt().orElse(running.createdAt()).plus(engine.leaseTimeout())),
          leases.get(), clock, settings.heartbeatInterval(), engine.leaseTimeout(), job.definition().timeout());
      if (!watchdog.add(r)) {
        throw new InvalidRequestException("bms instance '" + settings.instanceId() + "' is shutting down: runNow of"
            + " job '" + job.name() + "' refused");
      }
      boolean ours = false;
      try {
        leases.get().insertRunning(running, engine.leaseTimeout());
        recorder.claimed(job, running);
        r.bindWorker(Thread.currentThread());
        return runner.run(job, running, r);
      } catch (LeaseLostException lost) {
        log.warn("Execution {} lost its lease; its result was not recorded by this instance: {}", running.id(),
            lost.getMessage());
        Optional<Execution> stored = storage.executions().find(running.id()).filter(e -> e.status().isTerminal());
        return stored.orElseThrow(() -> lost);
      } finally {
        ours = r.unbindWorker();
        watchdog.remove(r);
        if (ours) {
          Thread.interrupted(); // the watchdog's interrupt was meant for the data path, not for the caller
        }
      }
    }
  }
}
