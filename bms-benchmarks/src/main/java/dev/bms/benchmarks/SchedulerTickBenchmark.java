package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.core.Bms;
import dev.bms.core.internal.engine.ExecutionEngine;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scheduler's fixed cost per poll with 10,000 scheduled jobs on PostgreSQL, none due:
 * {@code ExecutionEngine.tick()} of an instance whose workers are not running (so: find jobs to
 * sync, fire due schedules, reap expired leases; no claim), beside the same three statements in
 * plain JDBC on the same data.
 */
// without these JMH defaults to 5 forks x (5 warmup + 5 measured) x 10 s per method: ~hours
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchedulerTickBenchmark {
  private String schema;
  private BackupManager bms;
  private ExecutionEngine engine;
  private Connection raw;
  private PreparedStatement toSync;
  private PreparedStatement due;
  private PreparedStatement expired;

  @Setup
  public void setUp() throws Exception {
    schema = "bms_bench_tick_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    dev.bms.core.internal.DefaultBackupManager internals =
        (dev.bms.core.internal.DefaultBackupManager) Bms.builder()
        .storage(JdbcStorage.builder().url(ClaimBenchmark.URL).credentials("postgres", "").schema(schema).build())
        .scheduler(false).warmCacheOnStart(false).discoverPlugins(true).build();
    bms = internals;
    bms.start();
    engine = internals.internal(ExecutionEngine.class);
    Storage storage = internals.internal(Storage.class);
    java.nio.file.Path root = java.nio.file.Files.createTempDirectory("bms-bench-tick-");
    BackupJob template = BackupJob.builder("template").source("directory", Map.of("path", root.toString()))
        .schedule(Schedule.interval(Duration.ofHours(1)))
        .copy(CopySpec.target("filesystem", Map.of("root", root.toString(), "initialize", "true"))).build();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (int i = 0, n = Smoke.size(10_000, 200); i < n; i++) {
      storage.jobs().insert(new Job(new JobId(UUID.randomUUID()), template.toBuilder().name("job-" + i).build(), 1, now, now));
    }
    engine.syncSchedules();
    raw = DriverManager.getConnection(ClaimBenchmark.URL + "?currentSchema=" + schema, "postgres", "");
    raw.setAutoCommit(false);
    toSync = raw.prepareStatement("SELECT j.id FROM bms_job j LEFT JOIN bms_schedule s ON s.job_id = j.id"
        + " WHERE s.job_id IS NULL OR s.job_version < j.version ORDER BY j.id LIMIT 500");
    due = raw.prepareStatement("SELECT job_id, next_fire_at FROM bms_schedule WHERE next_fire_at <= ?"
        + " ORDER BY next_fire_at, job_id LIMIT 500 FOR UPDATE SKIP LOCKED");
    expired = raw.prepareStatement("SELECT id FROM bms_execution WHERE status = 'RUNNING'"
        + " AND lease_until < CURRENT_TIMESTAMP ORDER BY lease_until LIMIT 100 FOR UPDATE SKIP LOCKED");
    try (Statement s = raw.createStatement()) {
      s.execute("ANALYZE bms_job");
      s.execute("ANALYZE bms_schedule");
    }
    raw.commit();
  }

  @TearDown
  public void tearDown() throws SQLException {
    raw.close();
    bms.close();
    try (Connection c = DriverManager.getConnection(ClaimBenchmark.URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Benchmark
  public void bmsTick() {
    engine.tick();
  }

  @Benchmark
  public int rawTickStatements() throws SQLException {
    int n = 0;
    for (PreparedStatement ps : new PreparedStatement[] {toSync, due, expired}) {
      if (ps == due) {
        ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
        }
      }
      raw.commit();
    }
    return n;
  }
}
