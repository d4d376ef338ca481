package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedRun;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.api.report.ReportBucket;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A soak run on PostgreSQL, not part of {@code mvn verify}: steady load for a given time, printing a
 * row every minute, so growth of memory, connections or threads shows. The load, all at once:
 *
 * <ul>
 *   <li>scheduled managed backups: {@code 20} jobs on an interval schedule of 20 s (about one run a
 *       second), each backing up its own tree (10 files of 4-64 KiB) through the filesystem target,
 *       keeping its last 5 restore points (retention runs after every run);</li>
 *   <li>reported executions: one thread doing {@code begin}, {@code heartbeat}, {@code complete}
 *       through {@code executions()} on 10 external-source jobs, about 20 a second;</li>
 *   <li>API reads: one thread reading the job list (100), the dashboard summary, one compliance page
 *       (100) and the 30-day success-rate report, about 10 rounds a second.</li>
 * </ul>
 *
 * <p>Every minute: heap used after a full GC ({@code System.gc()}, then {@link MemoryMXBean}),
 * the Hikari pool bms works on (active / idle / total connections), live threads, and what was done
 * in that minute (managed runs that succeeded and failed, as stored; reported executions completed;
 * API read rounds). The run uses a schema of its own ({@code bms_soak_<random>}), dropped at the end.
 *
 * <pre>{@code java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.Soak [minutes, default 30]}</pre>
 */
public final class Soak {
  private static final int MANAGED_JOBS = 20;
  private static final int REPORTED_JOBS = 10;

  private final AtomicLong reported = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong loadErrors = new AtomicLong();
  private volatile boolean running = true;

  private Soak() {
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    new Soak().run(minutes);
  }

  private void run(int minutes) throws Exception {
    String schema = "bms_soak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path work = Files.createTempDirectory("bms-soak-");
    HikariConfig config = new HikariConfig();
    config.setPoolName("bms-soak");
    config.setJdbcUrl(BenchmarkDatabase.PG_URL);
    config.setUsername(BenchmarkDatabase.PG_USER);
    config.setPassword(BenchmarkDatabase.PG_PASSWORD);
    config.setMaximumPoolSize(10);
    config.setAutoCommit(false);
    config.addDataSourceProperty("currentSchema", schema);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      BackupManager bms = Bms.builder()
          .storage(JdbcStorage.builder().dataSource(pool).schema(schema).build())
          .maxConcurrentExecutions(8)
          .build();
      bms.start();
      try {
        List<JobId> reportedJobs = createJobs(bms, work);
        Thread reporter = daemon("soak-reported", () -> reportLoop(bms, reportedJobs));
        Thread reader = daemon("soak-reads", () -> readLoop(bms));
        System.out.printf(Locale.ROOT, "soak on PostgreSQL schema %s for %d min: %d scheduled jobs (every 20 s),"
            + " %d reported jobs, API reads; one row per minute%n", schema, minutes, MANAGED_JOBS, REPORTED_JOBS);
        System.out.println("| minute | heap after GC (MiB) | connections active / idle / total | live threads"
            + " | managed succeeded / failed | reported completed | read rounds | load errors |");
        System.out.println("|---:|---:|---|---:|---|---:|---:|---:|");
        long[] before = counts(schema);
        long reportedBefore = 0;
        long readsBefore = 0;
        long start = System.nanoTime();
        for (int minute = 1; minute <= minutes; minute++) {
          long until = start + TimeUnit.MINUTES.toNanos(minute);
          for (long left; (left = until - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
          }
          long[] now = counts(schema);
          long reportedNow = reported.get();
          long readsNow = reads.get();
          HikariPoolMXBean p = pool.getHikariPoolMXBean();
          System.out.printf(Locale.ROOT, "| %d | %.1f | %d / %d / %d | %d | %d / %d | %d | %d | %d |%n", minute,
              heapAfterGc() / 1048576.0, p.getActiveConnections(), p.getIdleConnections(), p.getTotalConnections(),
              ManagementFactory.getThreadMXBean().getThreadCount(), now[0] - before[0], now[1] - before[1],
              reportedNow - reportedBefore, readsNow - readsBefore, loadErrors.get());
          before = now;
          reportedBefore = reportedNow;
          readsBefore = readsNow;
        }
        running = false;
        reporter.join(10_000);
        reader.join(10_000);
      } finally {
        bms.close();
      }
    } finally {
      try (Connection c = DriverManager.getConnection(BenchmarkDatabase.PG_URL, BenchmarkDatabase.PG_USER,
          BenchmarkDatabase.PG_PASSWORD); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      BenchmarkFiles.delete(work);
    }
  }

  private static List<JobId> createJobs(BackupManager bms, Path work) throws Exception {
    Path target = Files.createDirectories(work.resolve("target"));
    for (int i = 0; i < MANAGED_JOBS; i++) {
      Path source = BenchmarkFiles.mixedTree(work.resolve("source-" + i), 10, 4 * 1024, 64 * 1024, i);
      bms.jobs().create(BackupJob.builder("soak-managed-" + i)
          .source("directory", Map.of("path", source.toString()))
          .schedule(Schedule.interval(Duration.ofSeconds(20)))
          .copy(CopySpec.target("filesystem", Map.of("root", target.toString(), "initialize", "true")).named("disk"))
          .retention(RetentionPolicy.keepLast(5))
          .build());
    }
    List<JobId> reportedJobs = new ArrayList<>();
    for (int i = 0; i < REPORTED_JOBS; i++) {
      reportedJobs.add(bms.jobs().create(BackupJob.builder("soak-reported-" + i)
          .copy(CopySpec.target("filesystem", Map.of("root", target.toString(), "initialize", "true")).named("disk"))
          .build()));
    }
    return reportedJobs;
  }

  /** begin, heartbeat, complete on the reported jobs in turn, about 20 a second. */
  private void reportLoop(BackupManager bms, List<JobId> jobs) {
    CopyResult ok = CopyResult.succeeded("disk", 4096, 1, Duration.ofMillis(10), "ab".repeat(32));
    for (int i = 0; running; i++) {
      try {
        ReportedRun run = bms.executions().begin(jobs.get(i % jobs.size()));
        bms.executions().heartbeat(run.execution().id(), run.token(), 2048);
        bms.executions().complete(run.execution().id(), run.token(), List.of(ok));
        reported.incrementAndGet();
      } catch (RuntimeException e) {
        loadError("reported", e);
      }
      pause(50);
    }
  }

  /** Job list, summary, compliance page, 30-day success rate; about 10 rounds a second. */
  private void readLoop(BackupManager bms) {
    while (running) {
      try {
        bms.jobs().list(JobFilter.all(), PageRequest.first(100));
        bms.reports().summary(ZoneOffset.UTC);
        bms.compliance().verdicts(PageRequest.first(100));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        bms.reports().successRate(today.minusDays(29), today, ZoneOffset.UTC, ReportBucket.DAY, 0.95);
        reads.incrementAndGet();
      } catch (RuntimeException e) {
        loadError("reads", e);
      }
      pause(100);
    }
  }

  private void loadError(String where, RuntimeException e) {
    if (loadErrors.incrementAndGet() <= 5) {
      System.out.println(where + " failed: " + e);
    }
  }

  /** Managed executions SUCCEEDED and FAILED so far, as stored. */
  private static long[] counts(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(BenchmarkDatabase.PG_URL, BenchmarkDatabase.PG_USER,
        BenchmarkDatabase.PG_PASSWORD); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE status = 'SUCCEEDED'),"
             + " COUNT(*) FILTER (WHERE status = 'FAILED') FROM " + schema + ".bms_execution WHERE mode = 'MANAGED'")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static Thread daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
