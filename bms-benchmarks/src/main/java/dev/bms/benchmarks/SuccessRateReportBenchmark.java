package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * The weekly success-rate report over 100,000 executions (100 jobs, 12 weeks, about 2 % failed):
 * the typed report (one aggregate query), and the report rendered as HTML.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SuccessRateReportBenchmark {
  static final int EXECUTIONS = Smoke.size(100_000, 2_000);
  static final int JOBS = 100;
  static final Duration PERIOD = Duration.ofDays(84);

  @Param({"h2", "postgresql"})
  public String database;

  private Path work;
  private BenchmarkDatabase db;
  private BackupManager bms;
  private Instant from;

  @Setup
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-report-");
    db = new BenchmarkDatabase(database);
    JdbcStorage storage = db.storage(work);
    Map<String, String> target = Map.of("root", Files.createDirectories(work.resolve("t")).toString(), "initialize", "true");
    bms = Bms.builder().storage(storage).warmCacheOnStart(false).build();
    bms.start();
    from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(PERIOD);
    JobId[] ids = new JobId[JOBS];
    for (int j = 0; j < JOBS; j++) {
      Job job = new Job(new JobId(UUID.randomUUID()), BackupJob.builder("job-" + j)
          .copy(CopySpec.target("filesystem", target)).build(), 1, from, from);
      storage.jobs().insert(job);
      ids[j] = job.id();
    }
    long step = PERIOD.toMillis() / EXECUTIONS;
    for (int i = 0; i < EXECUTIONS; i++) {
      ExecutionStatus status = i % 50 == 0 ? ExecutionStatus.FAILED : i % 97 == 0 ? ExecutionStatus.PARTIAL
          : ExecutionStatus.SUCCEEDED;
      Execution e = ComplianceEvaluateAllBenchmark.execution(ids[i % JOBS], status, from.plusMillis(i * step), List.of());
      storage.executions().insert(e);
    }
  }

  @TearDown
  public void tearDown() {
    bms.close();
    db.drop();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public SuccessRateReport weeklyReport() {
    return bms.reports().successRate(from, from.plus(PERIOD), ReportBucket.WEEK, 0.95);
  }

  @Benchmark
  public String weeklyReportAsHtml() {
    return bms.reports().render(weeklyReport(), ReportFormat.HTML);
  }
}
