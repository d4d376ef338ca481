package dev.bms.spi.storage;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistence of executions and their per-copy results. Writes to a running execution carry the
 * version the writer holds (its fencing token) and are refused when it is stale.
 *
 * @since 0.1.0
 */
public interface ExecutionStore {

  /** Inserts a new execution with its copy results (usually none yet). */
  void insert(Execution execution);

  /**
   * Inserts a new RUNNING reported execution together with the SHA-256 hash of its report token
   * (32 bytes), in one transaction. The token itself is never given to the storage.
   *
   * @throws dev.bms.api.ConflictException when an execution with its id exists
   */
  void insertReported(Execution execution, byte[] reportTokenHash);

  /**
   * The SHA-256 hash of the execution's report token, as stored when it was inserted; empty when the
   * execution does not exist or has none (managed executions, reported ones begun before report
   * tokens existed). It never changes once stored.
   */
  Optional<byte[]> reportTokenHash(ExecutionId id);

  /** One execution with its copy results. */
  Optional<Execution> find(ExecutionId id);

  /** Executions matching the filter, newest first (by creation time, then id), keyset-paginated. */
  Page<Execution> list(ExecutionFilter filter, PageRequest page);

  /**
   * Records progress and a heartbeat if the execution is not terminal and its version is
   * {@code version}.
   *
   * @return false when the version is stale or the execution already finished
   */
  boolean heartbeat(ExecutionId id, long version, long progressBytes, Instant at);

  /**
   * Writes the terminal state, every copy result and the manifest (if any) in one transaction, if the execution is not
   * terminal and its version is {@code version}.
   *
   * @return false when the version is stale or the execution already finished (nothing written)
   */
  boolean finish(ExecutionId id, long version, ExecutionOutcome outcome);

  /**
   * Finishes several executions together, each exactly as {@link #finish} would: written (terminal
   * state, copy results, manifest) only if it is not terminal and its version is the completion's
   * version. An implementation may write them all in one transaction; a stale completion never
   * stops the others. The default finishes them one by one.
   *
   * @return for each completion, in order, whether it was written (false: stale version or already
   *     finished; nothing was written for it)
   */
  default List<Boolean> finishAll(List<Completion> completions) {
    List<Boolean> written = new ArrayList<>(completions.size());
    for (Completion c : completions) {
      written.add(finish(c.id(), c.version(), c.outcome()));
    }
    return written;
  }

  /**
   * One execution's terminal write, for {@link #finishAll}.
   *
   * @param id the execution
   * @param version the version (fencing token) the writer holds
   * @param outcome what to write
   */
  record Completion(ExecutionId id, long version, ExecutionOutcome outcome) {
    public Completion {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * The manifest recorded when the execution finished (written by {@link #finish} in the same
   * transaction), if it has one.
   */
  Optional<Manifest> manifest(ExecutionId id);

  /** For every job with a SUCCEEDED execution, when its newest one finished. One query. */
  Map<JobId, Instant> lastSuccessByJob();

  /** Number of jobs per status of their latest execution (jobs never run are not counted). One query. */
  Map<ExecutionStatus, Long> jobsByLatestStatus();

  /**
   * Inserts several executions with their copy results, in one transaction: all or none. The
   * default inserts them one by one, which is neither atomic nor fast: storage implementations
   * should override it.
   */
  default void insertAll(List<Execution> executions) {
    executions.forEach(this::insert);
  }

  /**
   * The newest {@code perJob} executions of each job (newest first, by creation time, then id) with
   * their copy results; every id asked for is a key, mapped to an empty list when it has none. The
   * default asks once per job: storage implementations should override it with a fixed number of
   * queries.
   */
  default Map<JobId, List<Execution>> latestByJobs(Collection<JobId> jobIds, int perJob) {
    Map<JobId, List<Execution>> result = new LinkedHashMap<>();
    for (JobId id : jobIds) {
      result.put(id, list(ExecutionFilter.forJob(id), PageRequest.first(perJob)).items());
    }
    return result;
  }
}
