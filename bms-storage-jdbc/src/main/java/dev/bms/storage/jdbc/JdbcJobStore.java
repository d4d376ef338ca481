package dev.bms.storage.jdbc;

import dev.bms.api.ConflictException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.JobStore;
import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobInstantRow;
import dev.bms.storage.jdbc.Rows.JobRow;
import dev.bms.storage.jdbc.Rows.LabelRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** {@link JobStore} on the {@code bms_job} tables; one transaction per method. */
final class JdbcJobStore implements JobStore {
  private final Transactions tx;

  JdbcJobStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Job job) {
    Objects.requireNonNull(job, "job");
    JobRow row = JobRow.of(job);
    tx.write("insert job '" + job.name() + "'", duplicate(job), s -> {
      JobMapper m = s.getMapper(JobMapper.class);
      RollupMapper counts = s.getMapper(RollupMapper.class);
      JobCounts.lock(counts);
      m.insertJob(row);
      insertLabels(m, job);
      JobCounts.add(counts, Map.of(JobCounts.ALL_JOBS, 1L));
      return null;
    });
  }

  @Override
  public boolean update(Job job, long expectedVersion) {
    Objects.requireNonNull(job, "job");
    JobRow row = JobRow.of(job);
    return tx.write("update job '" + job.name() + "'", duplicate(job), s -> {
      JobMapper m = s.getMapper(JobMapper.class);
      if (m.updateJob(row, expectedVersion) == 0) {
        return false;
      }
      m.deleteLabels(row.id);
      insertLabels(m, job);
      return true;
    });
  }

  @Override
  public boolean delete(JobId id) {
    Objects.requireNonNull(id, "id");
    return tx.write("delete job " + id, null, s -> {
      // its stored verdict and last status go with it (ON DELETE CASCADE); the counters follow. Locks
      // in this order: verdict counts, then job counts, then the job's row.
      JdbcVerdicts.deleteForJob(s.getMapper(VerdictMapper.class), id.value());
      RollupMapper counts = s.getMapper(RollupMapper.class);
      JobCounts.lock(counts);
      boolean[] deleted = new boolean[1];
      JobCounts.trackLast(counts, UuidArray.of(List.of(id.value())),
          () -> deleted[0] = s.getMapper(JobMapper.class).deleteJob(id.value()) > 0);
      if (deleted[0]) {
        JobCounts.add(counts, Map.of(JobCounts.ALL_JOBS, -1L));
      }
      return deleted[0];
    });
  }

  @Override
  public Optional<Job> find(JobId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("find job " + id, s -> Optional.ofNullable(s.getMapper(JobMapper.class).selectJob(id.value()))
        .map(JobRow::toJob));
  }

  @Override
  public Optional<Job> findByName(String name) {
    Objects.requireNonNull(name, "name");
    return tx.read("find job '" + name + "'", s -> Optional.ofNullable(s.getMapper(JobMapper.class).selectJobByName(name))
        .map(JobRow::toJob));
  }

  @Override
  public List<Job> findAll(Collection<JobId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    UuidArray array = UuidArray.of(ids.stream().map(JobId::value).distinct().toList());
    return tx.read("find " + ids.size() + " jobs", s -> s.getMapper(JobMapper.class).selectJobsByIds(array)
        .stream().map(JobRow::toJob).toList());
  }

  @Override
  public Page<Job> list(JobFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    UUID after = page.cursor().map(Cursors::parseJob).orElse(null);
    return tx.read("list jobs", s -> {
      List<JobRow> rows = selectPage(s.getMapper(JobMapper.class), filter, after, page.limit());
      return page(rows, page.limit(), JobRow::toJob);
    });
  }

  /** One query whatever the page size ({@link OverviewQuery}). */
  @Override
  public Page<JobOverview> overview(JobFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    UUID after = page.cursor().map(Cursors::parseJob).orElse(null);
    return tx.read("list job overviews", s -> {
      List<OverviewQuery.Entry> rows = OverviewQuery.select(s, filter.enabled().orElse(null), namePattern(filter),
          labels(filter), after, page.limit() + 1);
      boolean more = rows.size() > page.limit();
      List<OverviewQuery.Entry> items = more ? rows.subList(0, page.limit()) : rows;
      Optional<String> next = more ? Optional.of(Cursors.job(items.get(items.size() - 1).job().id)) : Optional.empty();
      return new Page<>(items.stream().map(OverviewQuery.Entry::toOverview).toList(), next);
    });
  }

  @Override
  public long count(JobFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return tx.read("count jobs", s -> s.getMapper(JobMapper.class)
        .countJobs(filter.enabled().orElse(null), namePattern(filter), labels(filter)));
  }

  /** Executions with their copy results, fetched in one more query. */
  static List<Execution> withCopies(ExecutionMapper mapper, List<ExecutionRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<CopyResult>> copies = new HashMap<>();
    for (CopyRow c : mapper.selectCopies(UuidArray.of(rows.stream().map(r -> r.id).toList()))) {
      copies.computeIfAbsent(c.executionId, k -> new ArrayList<>()).add(c.toCopyResult());
    }
    return rows.stream().map(r -> r.toExecution(copies.getOrDefault(r.id, List.of()))).toList();
  }

  /** Items of a page fetched with {@code limit + 1} rows; the extra row only says more follow. */
  private static <T> Page<T> page(List<JobRow> rows, int limit, Function<JobRow, T> mapper) {
    boolean more = rows.size() > limit;
    List<JobRow> items = more ? rows.subList(0, limit) : rows;
    Optional<String> next = more ? Optional.of(Cursors.job(items.get(items.size() - 1).id)) : Optional.empty();
    return new Page<>(items.stream().map(mapper).toList(), next);
  }

  private static List<JobRow> selectPage(JobMapper m, JobFilter filter, UUID after, int limit) {
    return m.selectJobs(filter.enabled().orElse(null), namePattern(filter), labels(filter), after, limit + 1);
  }

  private static void insertLabels(JobMapper m, Job job) {
    if (!job.definition().labels().isEmpty()) {
      UUID id = job.id().value();
      m.insertLabels(new TreeMap<>(job.definition().labels()).entrySet().stream()
          .map(e -> new LabelRow(id, e.getKey(), e.getValue())).toList());
    }
  }

  private static String namePattern(JobFilter filter) {
    return filter.namePrefix()
        .map(p -> p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        .orElse(null);
  }

  private static List<LabelRow> labels(JobFilter filter) {
    return new TreeMap<>(filter.labels()).entrySet().stream()
        .map(e -> new LabelRow(null, e.getKey(), e.getValue())).toList();
  }

  private static Function<String, ConflictException> duplicate(Job job) {
    return message -> message.toLowerCase(java.util.Locale.ROOT).contains("uq_bms_job_name")
        ? new ConflictException("name: a job named '" + job.name() + "' already exists")
        : new ConflictException("id: a job with id " + job.id() + " already exists");
  }
}
