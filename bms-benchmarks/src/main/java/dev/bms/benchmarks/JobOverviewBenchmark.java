package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.benchmarks.RawRows.RawCopy;
import dev.bms.benchmarks.RawRows.RawExecution;
import dev.bms.benchmarks.RawRows.RawJob;
import dev.bms.benchmarks.RawRows.RawOverview;
import dev.bms.core.Bms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dashboard list: {@code jobs().overview(...)} of {@code jobs} jobs, each with its latest
 * execution, that execution's copy results and its last success time, beside one hand-written JDBC
 * query returning the same information ({@code LATERAL ... LIMIT 1} on PostgreSQL, correlated
 * subqueries on H2, which has no LATERAL) mapped to records. Every job has 20 executions.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JobOverviewBenchmark {
  private static final String PG_QUERY = "SELECT " + RawRows.JOB_COLUMNS + ", " + RawRows.EXECUTION_COLUMNS + ", "
      + RawRows.COPY_COLUMNS + ", ls.at"
      + " FROM (SELECT * FROM bms_job ORDER BY id LIMIT ?) j"
      + " LEFT JOIN LATERAL (SELECT * FROM bms_execution x WHERE x.job_id = j.id"
      + "   ORDER BY x.created_at DESC, x.id DESC LIMIT 1) e ON true"
      + " LEFT JOIN LATERAL (SELECT MAX(s.finished_at) AS at FROM bms_execution s"
      + "   WHERE s.job_id = j.id AND s.status = 'SUCCEEDED') ls ON true"
      + " LEFT JOIN bms_copy_result c ON c.execution_id = e.id"
      + " ORDER BY j.id, c.position";
  private static final String H2_QUERY = "SELECT " + RawRows.JOB_COLUMNS + ", " + RawRows.EXECUTION_COLUMNS + ", "
      + RawRows.COPY_COLUMNS + ", (SELECT MAX(s.finished_at) FROM bms_execution s"
      + "   WHERE s.job_id = j.id AND s.status = 'SUCCEEDED') AS at"
      + " FROM (SELECT * FROM bms_job ORDER BY id LIMIT ?) j"
      + " LEFT JOIN bms_execution e ON e.id = (SELECT x.id FROM bms_execution x WHERE x.job_id = j.id"
      + "   ORDER BY x.created_at DESC, x.id DESC LIMIT 1)"
      + " LEFT JOIN bms_copy_result c ON c.execution_id = e.id"
      + " ORDER BY j.id, c.position";

  @Param({"postgresql", "h2"})
  public String db;

  @Param({"1000", "10000"})
  public int jobs;

  private BenchmarkDatabase database;
  private Path work;
  private BackupManager bms;
  private HikariDataSource raw;
  private String query;

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create(db, "overview");
    work = Files.createTempDirectory("bms-bench-overview-");
    bms = Bms.builder().storage(database.storage(4)).warmCacheOnStart(false).build();
    bms.start();
    raw = database.rawPool(4);
    HistorySeeder.seed(bms, raw, work.toString(), jobs, 20);
    database.analyze();
    query = database.isPostgres() ? PG_QUERY : H2_QUERY;
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Page<JobOverview> bmsOverview() {
    Page<JobOverview> page = bms.jobs().overview(JobFilter.all(), PageRequest.first(jobs));
    if (page.items().size() != jobs) {
      throw new IllegalStateException("expected " + jobs + " jobs, got " + page.items().size());
    }
    return page;
  }

  @Benchmark
  public List<RawOverview> rawOverview() throws Exception {
    List<RawOverview> result = new ArrayList<>(jobs);
    try (Connection c = raw.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
      s.setInt(1, jobs);
      try (ResultSet rs = s.executeQuery()) {
        RawJob job = null;
        RawExecution latest = null;
        List<RawCopy> copies = null;
        java.time.Instant lastSuccess = null;
        while (rs.next()) {
          java.util.UUID id = rs.getObject(1, java.util.UUID.class);
          if (job == null || !job.id().equals(id)) {
            if (job != null) {
              result.add(new RawOverview(job, latest, lastSuccess));
            }
            job = RawRows.job(rs, 1);
            copies = new ArrayList<>(2);
            latest = RawRows.execution(rs, 8, copies);
            lastSuccess = RawRows.instant(rs, 35);
          }
          RawCopy copy = RawRows.copy(rs, 25);
          if (copy != null) {
            copies.add(copy);
          }
        }
        if (job != null) {
          result.add(new RawOverview(job, latest, lastSuccess));
        }
      }
    }
    if (result.size() != jobs) {
      throw new IllegalStateException("expected " + jobs + " jobs, got " + result.size());
    }
    return result;
  }
}
