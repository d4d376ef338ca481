package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.ReportedRun;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions, in both modes.
 *
 * <p><b>Managed</b>: {@link #runNow(JobId)} reads the job's source once and streams it to every
 * copy target, hashing each file once (SHA-256) for the manifests. One failed copy makes the
 * execution {@code PARTIAL}; the other copies are still written and recorded.
 *
 * <p><b>Reported</b>: a backup another tool ran is recorded with {@link #begin(JobId)},
 * optional {@link #heartbeat}s, then {@link #complete} or {@link #fail}. {@code begin} hands out a
 * secret report token ({@link ReportedRun#token()}); each later report must carry it, so no other
 * caller can finish or fake progress of someone else's run. Compliance, alerts and reports treat
 * both modes alike.
 *
 * @since 0.1.0
 */
public interface ExecutionService {

  /**
   * Runs a managed job now, in the calling thread, and returns the finished execution.
   *
   * @throws NotFoundException when the job does not exist
   * @throws InvalidRequestException when the job's source is external (use {@link #begin})
   */
  @Audited(operation = "executions.runNow", resource = "execution")
  Execution runNow(JobId jobId);

  /**
   * Queues a managed run of the job for the next free worker of any instance (subject to the
   * concurrency limits and at most one queued run of a job at a time) and returns at once.
   *
   * @return the PENDING execution; follow it with {@link #get}
   * @throws NotFoundException when the job does not exist
   * @throws InvalidRequestException when the job's source is external
   * @throws ConflictException when a submitted run of the job is still queued (on any instance);
   *     once it started, the job can be submitted again
   */
  @Audited(operation = "executions.submit", resource = "execution")
  Execution submit(JobId jobId);

  /**
   * Cancels an execution: a PENDING one at once; a RUNNING managed one stops at its next step on
   * whichever instance runs it, and ends CANCELLED (poll {@link #get}).
   *
   * @return the execution as it stands after the request
   * @throws NotFoundException when the execution does not exist
   * @throws ConflictException when it already finished
   * @throws InvalidRequestException when it is a reported execution (use {@link #fail})
   */
  @Audited(operation = "executions.cancel", resource = "execution")
  Execution cancel(ExecutionId id);

  /**
   * Records that an external tool started a backup of the job.
   *
   * @return the new RUNNING execution and its report token, which {@link #heartbeat},
   *     {@link #complete} and {@link #fail} require; only its SHA-256 hash is stored, so it cannot be
   *     read back later
   * @throws NotFoundException when the job does not exist
   */
  @Audited(operation = "executions.begin", resource = "execution")
  ReportedRun begin(JobId jobId);

  /**
   * Records progress of a reported execution and refreshes its heartbeat.
   *
   * @param token the token {@link #begin} handed out for this execution
   * @throws NotFoundException when the execution does not exist
   * @throws InvalidRequestException when it is not a reported execution
   * @throws ExecutionTokenException when the token is missing or not this execution's (nothing is
   *     written)
   * @throws ConflictException when it already finished
   */
  @NotAudited("progress of a run its actor began; begin and complete/fail are audited")
  Execution heartbeat(ExecutionId id, String token, long progressBytes);

  /**
   * Records the outcome of a reported execution: SUCCEEDED when every copy succeeded, PARTIAL when
   * some did, FAILED when none did. Copy names must be the job's; copies not mentioned are recorded
   * as failed ("not reported").
   *
   * @param token the token {@link #begin} handed out for this execution
   * @throws NotFoundException when the execution does not exist
   * @throws InvalidRequestException naming an unknown or repeated copy name, or when it is not a
   *     reported execution
   * @throws ExecutionTokenException when the token is missing or not this execution's (nothing is
   *     written)
   * @throws ConflictException when it already finished
   */
  @Audited(operation = "executions.complete", resource = "execution")
  Execution complete(ExecutionId id, String token, List<CopyResult> copies);

  /**
   * Records that a reported execution failed.
   *
   * @param token the token {@link #begin} handed out for this execution
   * @throws NotFoundException when the execution does not exist
   * @throws InvalidRequestException when the reason is blank, or it is not a reported execution
   * @throws ExecutionTokenException when the token is missing or not this execution's (nothing is
   *     written)
   * @throws ConflictException when it already finished
   */
  @Audited(operation = "executions.fail", resource = "execution")
  Execution fail(ExecutionId id, String token, String reason);

  /**
   * The execution with its copy results. While a managed run executes on this instance, its
   * {@link Execution#progressBytes()} and {@link Execution#files()} are the bytes and files read so
   * far (live, from memory); on other instances, the bytes of its last heartbeat.
   */
  @NotAudited("read")
  Optional<Execution> get(ExecutionId id);

  /** Executions matching the filter, newest first, keyset-paginated. */
  @NotAudited("read")
  Page<Execution> list(ExecutionFilter filter, PageRequest page);

  /**
   * Records backups another tool already ran to the end, all in one transaction: each becomes a
   * finished REPORTED execution with the tool's times and a status derived from its copies as in
   * {@link #complete}. Every entry is checked before anything is written.
   *
   * @return the recorded executions, in the order given
   * @throws NotFoundException when a job does not exist (nothing is written)
   * @throws InvalidRequestException naming each entry with an unknown or repeated copy name, or
   *     when more than {@value #MAX_RECORD_BATCH} are given (nothing is written)
   */
  @Audited(operation = "executions.record", resource = "execution")
  List<Execution> record(List<ReportedExecution> executions);

  /** Most executions {@link #record} takes in one call. */
  int MAX_RECORD_BATCH = 10_000;

  /**
   * The newest executions of each of these jobs (at most {@code perJob} each, newest first), with
   * their copy results, in a fixed number of queries whatever the number of jobs. Every job asked
   * for is a key; one without executions (or unknown) maps to an empty list.
   *
   * @param jobIds at most {@value dev.bms.api.model.PageRequest#MAX_LIMIT} jobs
   * @param perJob 1 to 1,000
   * @throws InvalidRequestException when a bound is exceeded
   */
  @NotAudited("read")
  Map<JobId, List<Execution>> latestByJobs(Collection<JobId> jobIds, int perJob);
}
