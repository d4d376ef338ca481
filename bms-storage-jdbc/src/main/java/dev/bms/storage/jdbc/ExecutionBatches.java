package dev.bms.storage.jdbc;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import java.util.ArrayList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The bulk operations of {@link JdbcExecutionStore}: many executions inserted in one transaction
 * as two JDBC batches, and the latest executions of many jobs in two queries (the
 * executions, then their copy results).
 */
final class ExecutionBatches {
  private static final Comparator<Execution> NEWEST_FIRST = Comparator.comparing(Execution::createdAt)
      .thenComparing(e -> e.id().value()).reversed();

  private final Transactions tx;

  ExecutionBatches(Transactions tx) {
    this.tx = tx;
  }

  void insertAll(List<Execution> executions) {
    Objects.requireNonNull(executions, "executions");
    if (executions.isEmpty()) {
      return;
    }
    List<ExecutionRow> rows = new ArrayList<>(executions.size());
    List<CopyRow> copies = new ArrayList<>();
    for (Execution e : executions) {
      rows.add(ExecutionRow.of(e));
      List<CopyResult> results = e.copies();
      for (int i = 0; i < results.size(); i++) {
        copies.add(CopyRow.of(e.id().value(), i, results.get(i)));
      }
    }
    tx.writeBatched("insert " + rows.size() + " executions",
        message -> new dev.bms.api.ConflictException("id: one of the " + rows.size() + " executions already exists"),
        s -> {
          ExecutionMapper executionMapper = s.getMapper(ExecutionMapper.class);
          for (ExecutionRow row : rows) {
            executionMapper.insertExecution(row);
          }
          ExecutionBatchMapper batch = s.getMapper(ExecutionBatchMapper.class);
          for (CopyRow copy : copies) {
            batch.insertCopy(copy);
          }
          return null;
        });
  }

  Map<JobId, List<Execution>> latestByJobs(Collection<JobId> jobIds, int perJob) {
    Objects.requireNonNull(jobIds, "jobIds");
    if (perJob < 1) {
      throw new IllegalArgumentException("perJob must be positive: " + perJob);
    }
    Map<JobId, List<Execution>> result = new LinkedHashMap<>();
    for (JobId id : jobIds) {
      result.put(id, new ArrayList<>(Math.min(perJob, 32)));
    }
    if (result.isEmpty()) {
      return result;
    }
    UuidArray ids = UuidArray.of(result.keySet().stream().map(JobId::value).toList());
    Map<String, Object> parameters = Map.of("jobIds", ids, "perJob", perJob);
    List<Execution> executions = tx.read("read the latest executions of " + result.size() + " jobs", s ->
        HandMapped.query(s, ExecutionBatchMapper.SELECT_LATEST_BY_JOBS, parameters, ExecutionBatches::readJoined));
    for (Execution e : executions) {
      result.get(e.jobId()).add(e);
    }
    for (List<Execution> list : result.values()) {
      list.sort(NEWEST_FIRST);
    }
    return result;
  }

  /** Execution rows joined with their copy rows, those of one execution adjacent and in position order. */
  static List<Execution> readJoined(ResultSet rs) throws SQLException {
    List<Execution> executions = new ArrayList<>();
    ExecutionRow current = null;
    List<CopyResult> copies = null;
    while (rs.next()) {
      UUID id = rs.getObject(1, UUID.class);
      if (current == null || !current.id.equals(id)) {
        if (current != null) {
          executions.add(current.toExecution(copies));
        }
        current = HandMapped.execution(rs, 1);
        copies = new ArrayList<>(2);
      }
      CopyRow copy = HandMapped.copy(rs, 18);
      if (copy != null) {
        copies.add(copy.toCopyResult());
      }
    }
    if (current != null) {
      executions.add(current.toExecution(copies));
    }
    return executions;
  }
}
