package dev.bms.storage.jdbc;

import dev.bms.api.ConflictException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.storage.jdbc.Cursors.ExecutionKey;
import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobInstantRow;
import dev.bms.storage.jdbc.Rows.ManifestRow;
import dev.bms.storage.jdbc.Rows.StatusCountRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link ExecutionStore} on the {@code bms_execution} tables; one transaction per method. */
final class JdbcExecutionStore implements ExecutionStore {
  /** Statuses an execution can still leave; heartbeats and completions only touch these. */
  private static final List<String> LIVE = Arrays.stream(ExecutionStatus.values())
      .filter(s -> !s.isTerminal()).map(Enum::name).toList();

  private static final int MANIFEST_CHUNK = 1000;

  private final Transactions tx;
  private final ExecutionBatches batches;

  JdbcExecutionStore(Transactions tx) {
    this.tx = tx;
    this.batches = new ExecutionBatches(tx);
  }

  @Override
  public void insertAll(List<Execution> executions) {
    batches.insertAll(executions);
  }

  @Override
  public Map<JobId, List<Execution>> latestByJobs(java.util.Collection<JobId> jobIds, int perJob) {
    return batches.latestByJobs(jobIds, perJob);
  }

  @Override
  public void insert(Execution execution) {
    Objects.requireNonNull(execution, "execution");
    ExecutionRow row = ExecutionRow.of(execution);
    tx.write("insert execution " + execution.id(),
        message -> new ConflictException("id: an execution with id " + execution.id() + " already exists"),
        s -> {
          ExecutionMapper m = s.getMapper(ExecutionMapper.class);
          m.insertExecution(row);
          insertCopies(m, row.id, execution.copies());
          return null;
        });
  }

  @Override
  public Optional<Execution> find(ExecutionId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("find execution " + id, s -> {
      ExecutionMapper m = s.getMapper(ExecutionMapper.class);
      ExecutionRow row = m.selectExecution(id.value());
      return row == null ? Optional.<Execution>empty() : Optional.of(JdbcJobStore.withCopies(m, List.of(row)).get(0));
    });
  }

  @Override
  public Page<Execution> list(ExecutionFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Optional<ExecutionKey> after = page.cursor().map(Cursors::parseExecution);
    List<String> statuses = filter.statuses().stream().sorted().map(Enum::name).toList();
    return tx.read("list executions", s -> {
      ExecutionMapper m = s.getMapper(ExecutionMapper.class);
      List<ExecutionRow> rows = m.selectExecutions(filter.jobId().map(JobId::value).orElse(null), statuses,
          filter.createdFrom().orElse(null), filter.createdBefore().orElse(null),
          after.map(ExecutionKey::createdAt).orElse(null), after.map(ExecutionKey::id).orElse(null),
          page.limit() + 1);
      boolean more = rows.size() > page.limit();
      List<ExecutionRow> items = more ? rows.subList(0, page.limit()) : rows;
      Optional<String> next = Optional.empty();
      if (more) {
        ExecutionRow last = items.get(items.size() - 1);
        next = Optional.of(Cursors.execution(last.createdAt, last.id));
      }
      return new Page<>(JdbcJobStore.withCopies(m, items), next);
    });
  }

  @Override
  public boolean heartbeat(ExecutionId id, long version, long progressBytes, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return tx.write("heartbeat execution " + id, null,
        s -> s.getMapper(ExecutionMapper.class).heartbeat(id.value(), version, progressBytes, at, LIVE) == 1);
  }

  @Override
  public boolean finish(ExecutionId id, long version, ExecutionOutcome outcome) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    return tx.write("finish execution " + id, null, s -> {
      ExecutionMapper m = s.getMapper(ExecutionMapper.class);
      int updated = m.finish(id.value(), version, outcome.status().name(), outcome.finishedAt(), outcome.bytes(),
          outcome.files(), outcome.error().orElse(null), LIVE);
      if (updated == 0) {
        return false;
      }
      m.deleteCopies(id.value());
      insertCopies(m, id.value(), outcome.copies());
      outcome.manifest().ifPresent(manifest -> insertManifest(m, id.value(), manifest));
      return true;
    });
  }

  @Override
  public Optional<Manifest> manifest(ExecutionId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("read manifest of " + id, s -> {
      ExecutionMapper m = s.getMapper(ExecutionMapper.class);
      Long recorded = m.selectManifestEntries(id.value());
      if (recorded == null) {
        return Optional.<Manifest>empty();
      }
      List<ManifestRow> rows = m.selectManifest(id.value());
      return Optional.of(new Manifest(rows.stream().map(ManifestRow::toEntry).toList()));
    });
  }

  @Override
  public Map<JobId, Instant> lastSuccessByJob() {
    return tx.read("read last successes", s -> {
      Map<JobId, Instant> result = new HashMap<>();
      for (JobInstantRow r : s.getMapper(ExecutionMapper.class).selectLastSuccess(null)) {
        result.put(new JobId(r.jobId), r.at);
      }
      return result;
    });
  }

  @Override
  public Map<ExecutionStatus, Long> jobsByLatestStatus() {
    return tx.read("count jobs by latest status", s -> {
      Map<ExecutionStatus, Long> result = new EnumMap<>(ExecutionStatus.class);
      for (StatusCountRow r : s.getMapper(ExecutionMapper.class).selectJobsByLatestStatus()) {
        result.put(ExecutionStatus.valueOf(r.status), r.jobs);
      }
      return result;
    });
  }

  Instant now() {
    return tx.read("read the database clock", s -> s.getMapper(ExecutionMapper.class).selectNow());
  }

  /** Multi-row inserts of bounded size: PostgreSQL allows 65,535 parameters per statement. */
  private static void insertManifest(ExecutionMapper m, UUID executionId, Manifest manifest) {
    List<ManifestEntry> entries = manifest.entries();
    m.markManifest(executionId, entries.size());
    for (int from = 0; from < entries.size(); from += MANIFEST_CHUNK) {
      List<ManifestRow> rows = entries.subList(from, Math.min(entries.size(), from + MANIFEST_CHUNK)).stream()
          .map(e -> ManifestRow.of(executionId, e)).toList();
      m.insertManifest(rows);
    }
  }

  private static void insertCopies(ExecutionMapper m, UUID executionId, List<CopyResult> copies) {
    if (copies.isEmpty()) {
      return;
    }
    List<CopyRow> rows = new ArrayList<>(copies.size());
    for (int i = 0; i < copies.size(); i++) {
      rows.add(CopyRow.of(executionId, i, copies.get(i)));
    }
    m.insertCopies(rows);
  }
}
