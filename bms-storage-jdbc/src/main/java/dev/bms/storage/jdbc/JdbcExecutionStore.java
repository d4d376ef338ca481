package dev.bms.storage.jdbc;

import dev.bms.api.ConflictException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.executor.BatchResult;

/** {@link ExecutionStore} on the {@code bms_execution} tables; one transaction per method. */
final class JdbcExecutionStore implements ExecutionStore {
  /** Statuses an execution can still leave; heartbeats and completions only touch these. */
  private static final List<String> LIVE = Arrays.stream(ExecutionStatus.values())
      .filter(s -> !s.isTerminal()).map(Enum::name).toList();

  private static final int MANIFEST_CHUNK = 1000;

  /** Copy rows per multi-row insert: 12 parameters each, well under PostgreSQL's 65,535. */
  private static final int COPY_CHUNK = 1000;
  /** Completions written together at most. */
  private static final int MAX_GROUP = 256;

  private final Transactions tx;
  private final ExecutionBatches batches;
  private final CompletionGroups groups;

  JdbcExecutionStore(Transactions tx) {
    this.tx = tx;
    this.batches = new ExecutionBatches(tx);
    this.groups = new CompletionGroups(this::finishAll, this::finishOne, MAX_GROUP);
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
  public void insertReported(Execution execution, byte[] reportTokenHash) {
    ExecutionRow row = reportedRow(execution, reportTokenHash);
    tx.write("insert reported execution " + execution.id(),
        message -> new ConflictException("id: an execution with id " + execution.id() + " already exists"),
        s -> s.getMapper(ExecutionMapper.class).insertExecution(row));
  }

  @Override
  public Optional<byte[]> reportTokenHash(ExecutionId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("read report token hash of execution " + id,
        s -> Optional.ofNullable(s.getMapper(ExecutionMapper.class).selectReportTokenHash(id.value()))
            .map(row -> row.reportTokenHash));
  }

  /** The row of a new RUNNING reported execution with its token's hash (32 bytes, SHA-256). */
  static ExecutionRow reportedRow(Execution execution, byte[] reportTokenHash) {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(reportTokenHash, "reportTokenHash");
    if (execution.status() != ExecutionStatus.RUNNING || execution.mode() != ExecutionMode.REPORTED) {
      throw new IllegalArgumentException("a reported execution starts RUNNING in mode REPORTED: " + execution.id());
    }
    if (reportTokenHash.length != 32) {
      throw new IllegalArgumentException("reportTokenHash: a SHA-256 hash has 32 bytes, not " + reportTokenHash.length);
    }
    ExecutionRow row = ExecutionRow.of(execution);
    row.reportTokenHash = reportTokenHash.clone();
    return row;
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

  /**
   * Concurrent finishes (the engine's workers) are written together, each still fenced by its own
   * version and told its own result: one transaction per group rather than per execution.
   */
  @Override
  public boolean finish(ExecutionId id, long version, ExecutionOutcome outcome) {
    return groups.finish(new Completion(id, version, outcome));
  }

  @Override
  public List<Boolean> finishAll(List<Completion> completions) {
    Objects.requireNonNull(completions, "completions");
    completions.forEach(c -> Objects.requireNonNull(c, "completions: a null completion"));
    if (completions.size() <= 1) {
      return completions.isEmpty() ? List.of() : List.of(finishOne(completions.get(0)));
    }
    if (bareAndDistinct(completions)) {
      Set<UUID> written = finishBare(completions);
      return completions.stream().map(c -> written.contains(c.id().value())).toList();
    }
    // rows in id order, so two groups touching the same executions cannot deadlock
    Integer[] order = new Integer[completions.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> completions.get(i).id().value()));
    // the work flushes the batch itself to read each fenced update's count before writing copies
    return tx.writeBatched("finish " + completions.size() + " executions", null, s -> {
      ExecutionMapper m = s.getMapper(ExecutionMapper.class);
      for (Integer i : order) {
        Completion c = completions.get(i);
        ExecutionOutcome o = c.outcome();
        m.finish(c.id().value(), c.version(), o.status().name(), o.finishedAt(), o.bytes(), o.files(),
            o.error().orElse(null), LIVE);
      }
      int[] counts = updateCounts(s.flushStatements(), order.length);
      Boolean[] written = new Boolean[order.length];
      List<UUID> finished = new ArrayList<>();
      List<CopyRow> copies = new ArrayList<>();
      for (int k = 0; k < order.length; k++) {
        Completion c = completions.get(order[k]);
        written[order[k]] = counts[k] == 1;
        if (counts[k] == 1) {
          finished.add(c.id().value());
          List<CopyResult> results = c.outcome().copies();
          for (int p = 0; p < results.size(); p++) {
            copies.add(CopyRow.of(c.id().value(), p, results.get(p)));
          }
        }
      }
      if (!finished.isEmpty()) {
        m.deleteCopiesOf(UuidArray.of(finished));
        for (int from = 0; from < copies.size(); from += COPY_CHUNK) {
          m.insertCopies(copies.subList(from, Math.min(copies.size(), from + COPY_CHUNK)));
        }
        for (int k = 0; k < order.length; k++) {
          Completion c = completions.get(order[k]);
          if (counts[k] == 1) {
            c.outcome().manifest().ifPresent(manifest -> insertManifest(m, c.id().value(), manifest));
          }
        }
        s.flushStatements();
      }
      return List.of(written);
    });
  }

  /** The update count of each fenced finish, in the order sent (one JDBC batch). */
  private static int[] updateCounts(List<BatchResult> results, int expected) {
    int[] counts = new int[expected];
    int k = 0;
    for (BatchResult r : results) {
      for (int n : r.getUpdateCounts()) {
        if (n < 0) {
          throw new IllegalStateException("the driver reported no update count (" + n + ") for a finish");
        }
        counts[k++] = n;
      }
    }
    if (k != expected) {
      throw new IllegalStateException(k + " update counts for " + expected + " finishes");
    }
    return counts;
  }

  /**
   * On PostgreSQL, whether these completions can be written by {@link #finishBare}: none carries
   * copy results or a manifest (which must be written in the finish's transaction), and no
   * execution is named twice (a batch of per-row updates decides repeats one after the other).
   */
  private boolean bareAndDistinct(List<Completion> completions) {
    if (!tx.postgres()) {
      return false;
    }
    Set<UUID> ids = new HashSet<>();
    for (Completion c : completions) {
      if (!c.outcome().copies().isEmpty() || c.outcome().manifest().isPresent() || !ids.add(c.id().value())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Finishes without copies or manifest as one auto-committed statement (one round trip, one
   * commit, however many): each fenced by its version, old copy results deleted. The ids written.
   */
  private Set<UUID> finishBare(List<Completion> completions) {
    int n = completions.size();
    List<UUID> ids = new ArrayList<>(n);
    List<String> versions = new ArrayList<>(n);
    List<String> statuses = new ArrayList<>(n);
    List<String> finishedAts = new ArrayList<>(n);
    List<String> bytes = new ArrayList<>(n);
    List<String> files = new ArrayList<>(n);
    List<String> errors = new ArrayList<>(n);
    // id order, like the batch: rows are found by id either way, the order only helps reading plans
    List<Completion> sorted = new ArrayList<>(completions);
    sorted.sort(Comparator.comparing(c -> c.id().value()));
    for (Completion c : sorted) {
      ExecutionOutcome o = c.outcome();
      ids.add(c.id().value());
      versions.add(Long.toString(c.version()));
      statuses.add(o.status().name());
      finishedAts.add(TypeHandlers.toStored(o.finishedAt()).toString());
      bytes.add(Long.toString(o.bytes()));
      files.add(Long.toString(o.files()));
      errors.add(o.error().orElse(null));
    }
    String what = n == 1 ? "finish execution " + completions.get(0).id() : "finish " + n + " executions";
    return tx.writeOneStatement(what, null, s -> new HashSet<>(s.getMapper(ExecutionMapper.class).finishBare(
        new UuidArray(ids), new TextArray(versions), new TextArray(statuses), new TextArray(finishedAts),
        new TextArray(bytes), new TextArray(files), new TextArray(errors), LIVE)));
  }

  private boolean finishOne(Completion c) {
    ExecutionId id = c.id();
    long version = c.version();
    ExecutionOutcome outcome = c.outcome();
    if (bareAndDistinct(List.of(c))) {
      return finishBare(List.of(c)).contains(id.value());
    }
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
