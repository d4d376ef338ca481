package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.benchmarks.RawRows.RawCopy;
import dev.bms.benchmarks.RawRows.RawExecution;
import dev.bms.benchmarks.RawRows.RawHistory;
import dev.bms.benchmarks.RawRows.RawJob;
import dev.bms.core.Bms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code jobs} jobs with all their executions (20 each) and those executions' copy results: bms's
 * {@code jobs().list(...)} then {@code executions().latestByJobs(ids, 20)} (three queries), beside two
 * plain JDBC queries (the jobs; their executions joined with copy results by {@code job_id = ANY(?)})
 * mapped to records. The reference report's "1,000 backup jobs with executions" took 385 ms.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JobHistoryBenchmark {
  private static final int EXECUTIONS_PER_JOB = 20;
  private static final String JOBS = "SELECT " + RawRows.JOB_COLUMNS + " FROM bms_job j ORDER BY j.id LIMIT ?";
  private static final String EXECUTIONS = "SELECT " + RawRows.EXECUTION_COLUMNS + ", " + RawRows.COPY_COLUMNS
      + " FROM bms_execution e LEFT JOIN bms_copy_result c ON c.execution_id = e.id"
      + " WHERE e.job_id = ANY(?) ORDER BY e.job_id, e.created_at DESC, e.id DESC, c.position";

  @Param({"postgresql", "h2"})
  public String db;

  @Param({"1000", "10000"})
  public int jobs;

  private BenchmarkDatabase database;
  private Path work;
  private BackupManager bms;
  private HikariDataSource raw;

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create(db, "history");
    work = Files.createTempDirectory("bms-bench-history-");
    bms = Bms.builder().storage(database.storage(4)).warmCacheOnStart(false).build();
    bms.start();
    raw = database.rawPool(4);
    HistorySeeder.seed(bms, raw, work.toString(), jobs, EXECUTIONS_PER_JOB);
    database.analyze();
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public void bmsJobsWithExecutions(Blackhole hole) {
    Page<Job> page = bms.jobs().list(JobFilter.all(), PageRequest.first(jobs));
    List<JobId> ids = page.items().stream().map(Job::id).toList();
    Map<JobId, List<Execution>> executions = bms.executions().latestByJobs(ids, EXECUTIONS_PER_JOB);
    check(executions.values().stream().mapToInt(List::size).sum());
    hole.consume(page);
    hole.consume(executions);
  }

  @Benchmark
  public List<RawHistory> rawJobsWithExecutions() throws Exception {
    List<RawJob> jobList = new ArrayList<>(jobs);
    Map<UUID, List<RawExecution>> byJob = new HashMap<>(jobs * 2);
    int count = 0;
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement s = c.prepareStatement(JOBS)) {
        s.setInt(1, jobs);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            RawJob job = RawRows.job(rs, 1);
            jobList.add(job);
            byJob.put(job.id(), new ArrayList<>(EXECUTIONS_PER_JOB));
          }
        }
      }
      Array ids = c.createArrayOf("uuid", byJob.keySet().toArray());
      try (PreparedStatement s = c.prepareStatement(EXECUTIONS)) {
        s.setArray(1, ids);
        try (ResultSet rs = s.executeQuery()) {
          RawExecution current = null;
          while (rs.next()) {
            UUID id = rs.getObject(1, UUID.class);
            if (current == null || !current.id().equals(id)) {
              current = RawRows.execution(rs, 1, new ArrayList<>(1));
              byJob.get(current.jobId()).add(current);
              count++;
            }
            RawCopy copy = RawRows.copy(rs, 18);
            if (copy != null) {
              current.copies().add(copy);
            }
          }
        }
      }
    }
    check(count);
    List<RawHistory> result = new ArrayList<>(jobList.size());
    for (RawJob job : jobList) {
      result.add(new RawHistory(job, byJob.get(job.id())));
    }
    return result;
  }

  private void check(int executions) {
    if (executions != jobs * EXECUTIONS_PER_JOB) {
      throw new IllegalStateException("expected " + jobs * EXECUTIONS_PER_JOB + " executions, got " + executions);
    }
  }
}
