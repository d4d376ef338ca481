package dev.bms.spi.storage;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The scheduler's and the execution queue's persistence. The database coordinates instances:
 * fires are idempotent ({@code UNIQUE(job_id, scheduled_for)}), claims are one statement with
 * {@code FOR UPDATE SKIP LOCKED} that bumps the version, leases are computed on the database clock,
 * at most one claimed execution per job runs at a time, and every write to a running execution
 * carries its version (fencing token).
 *
 * <p>Prove an implementation with {@code dev.bms.testkit.storage.StorageCompatibilityKit}.
 *
 * @since 0.1.0
 */
public interface SchedulerStore {

  /** Jobs whose schedule state is missing or derived from an older job version, up to {@code limit}. */
  List<JobId> jobsToSync(int limit);

  /**
   * Writes a job's schedule state unless the stored one comes from a newer job version. Keeps
   * {@code rpoNotifiedAt} as stored.
   */
  void saveSchedule(ScheduleState state);

  /** One job's schedule state. */
  Optional<ScheduleState> schedule(JobId jobId);

  /**
   * In one transaction: locks up to {@code limit} schedules with a next fire time at or before
   * {@code now} (skipping those another instance holds), reads their jobs in the same transaction,
   * asks {@code planner} what to do with them, records each planned fire idempotently, queues the
   * execution of each FIRED fire that was not recorded before, and stores each plan's next fire time.
   *
   * <p>{@code planner} runs while the schedules' rows are locked, so it is given everything it
   * needs (the due schedules, and their jobs by id; a deleted job is absent) and must not call the
   * storage: with a pool of one connection, a second connection would never come.
   *
   * @param instance the instance recording the fires
   * @return the fires recorded by this call (a fire already recorded by someone else is left out)
   */
  List<Fire> fireDue(String instance, Instant now, int limit,
                     BiFunction<List<ScheduleState>, Map<JobId, Job>, List<FirePlan>> planner);

  /**
   * Queues a managed execution (manual submission, retry). At most one manual submission (trigger
   * {@code MANUAL}, not a retry) of a job waits in the queue at a time, enforced by the database so
   * that it holds across instances.
   *
   * @throws dev.bms.api.ConflictException when the job already has a queued submission
   */
  void enqueue(QueuedExecution execution);

  /**
   * Claims up to {@code limit} PENDING executions due at {@code now}, oldest first, at most one per
   * job and none of a job that has a claimed execution running, skipping executions writing to an
   * {@code excludedTargetTypes} type: one statement sets RUNNING, owner, started/heartbeat time
   * {@code now}, a lease of {@code lease} from the database clock, and {@code version + 1}.
   */
  List<ClaimedExecution> claim(String owner, Instant now, Duration lease, int limit, Set<String> excludedTargetTypes);

  /**
   * Inserts an execution that starts RUNNING outside the queue ({@code runNow}, a reported
   * {@code begin}), owned by {@code execution.owner()}, with a lease of {@code lease} from the
   * database clock, in one transaction: no RUNNING row ever exists without a lease, so a dead
   * owner's execution is abandoned like a claimed one. It does not count as the job's claimed
   * running execution (reported runs may overlap).
   *
   * @throws dev.bms.api.ConflictException when an execution with its id exists
   */
  void insertRunning(Execution execution, Duration lease);

  /**
   * Inserts a reported execution (RUNNING, owned by the external tool) exactly like
   * {@link #insertRunning}, together with the SHA-256 hash of its report token (32 bytes), in the
   * same transaction; {@link ExecutionStore#reportTokenHash} reads the hash back.
   *
   * @throws dev.bms.api.ConflictException when an execution with its id exists
   */
  void insertReported(Execution execution, Duration lease, byte[] reportTokenHash);

  /**
   * Records progress and renews the lease of a running execution if its version is {@code version}.
   *
   * @return false when the version is stale or the execution finished (lease lost)
   */
  boolean renewLease(ExecutionId id, long version, long progressBytes, Instant at, Duration lease);

  /**
   * In one transaction: marks up to {@code limit} RUNNING executions whose lease expired (database
   * clock) ABANDONED (finished at {@code now}, version bumped, everything recorded before kept) and
   * queues the retry {@code retry} returns for each, if any ({@code retry} is given the execution
   * as it was claimed, still RUNNING, with its copy subset and target types, and its job read in the
   * same transaction, empty when the job was deleted). Like the planner of {@link #fireDue},
   * {@code retry} runs under row locks and must not call the storage.
   *
   * @return the abandoned executions, as now stored
   */
  List<Execution> abandonExpired(Instant now, int limit,
                                 BiFunction<ClaimedExecution, Optional<Job>, Optional<QueuedExecution>> retry);

  /** The copy subset and target types recorded with a queued or claimed execution. */
  Optional<ClaimedExecution> claimed(ExecutionId id);

  /** Cancels a PENDING execution. Returns false when it is not PENDING. */
  boolean cancelPending(ExecutionId id, Instant at);

  /** Asks the owner of a RUNNING execution to stop it. Returns false when it is not RUNNING. */
  boolean requestCancel(ExecutionId id);

  /** Which of these running executions have been asked to stop. */
  Set<ExecutionId> cancelRequested(Collection<ExecutionId> running);

  /** Recent fires of a job, newest first. */
  List<FireRecord> fires(JobId jobId, int limit);

  /**
   * The queue's depth at {@code now}, in one read whatever its size (counts served by the queue's
   * index): for gauges, so it writes nothing.
   */
  QueueDepth queueDepth(Instant now);

  /** Schedule states of every job with an RPO. */
  List<ScheduleState> schedulesWithRpo();

  /**
   * Marks that an RPO breach of the job is being published, if nobody did since {@code notBefore}.
   *
   * @return true when this caller should publish
   */
  boolean markRpoNotified(JobId jobId, Instant at, Instant notBefore);

  /**
   * A recorded fire.
   *
   * @param jobId the job
   * @param scheduledFor the fire time
   * @param outcome what became of it
   * @param executionId the execution it made
   * @param recordedAt when it was recorded
   * @param recordedBy the instance that recorded it
   */
  record FireRecord(JobId jobId, Instant scheduledFor, Fire.Outcome outcome, Optional<ExecutionId> executionId,
                    Instant recordedAt, String recordedBy) {
    public FireRecord {
      java.util.Objects.requireNonNull(jobId, "jobId");
      java.util.Objects.requireNonNull(scheduledFor, "scheduledFor");
      java.util.Objects.requireNonNull(outcome, "outcome");
      java.util.Objects.requireNonNull(executionId, "executionId");
      java.util.Objects.requireNonNull(recordedAt, "recordedAt");
      java.util.Objects.requireNonNull(recordedBy, "recordedBy");
    }
  }
}
