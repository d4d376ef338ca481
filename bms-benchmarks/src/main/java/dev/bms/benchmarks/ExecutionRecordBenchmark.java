package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.ReportedRun;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * Recording reported executions on PostgreSQL. Single: {@code begin} then {@code complete} with one
 * copy result, beside plain JDBC inserting the RUNNING row, then updating it to SUCCEEDED and
 * inserting the copy row in one transaction. Batched: {@code executions().record(...)} of
 * {@code batch} finished executions, beside one transaction of JDBC {@code addBatch} inserts of the
 * same execution and copy rows ({@code reWriteBatchedInserts=true} on both sides). Divide
 * {@code batch} by the time per operation for rows per second. {@code bmsBatchStorageOnly} writes
 * the same finished executions through the storage SPI alone ({@code ExecutionStore.insertAll}),
 * without core's per-execution work (metrics, events and the alert rules they trigger), to show
 * where the time of {@code bmsBatch} goes.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExecutionRecordBenchmark {
  private static final String INSERT_EXECUTION = "INSERT INTO bms_execution (id, job_id, mode, trigger, status,"
      + " scheduled_for, created_at, started_at, finished_at, heartbeat_at, progress_bytes, bytes, files, attempt,"
      + " owner, version, error) VALUES (?, ?, 'REPORTED', 'REPORTED', ?, NULL, ?, ?, ?, ?, ?, ?, ?, 1, 'external', 1,"
      + " NULL)";
  private static final String FINISH = "UPDATE bms_execution SET status = 'SUCCEEDED', finished_at = ?, bytes = ?,"
      + " progress_bytes = ?, files = ?, error = NULL WHERE id = ? AND version = 1 AND status IN ('PENDING', 'RUNNING')";
  private static final String INSERT_COPY = "INSERT INTO bms_copy_result (execution_id, position, copy_name,"
      + " target_type, status, bytes, files, duration_ms, manifest_digest, location, immutable_until, error)"
      + " VALUES (?, 0, 'disk', 'filesystem', 'SUCCEEDED', ?, ?, ?, ?, NULL, NULL, NULL)";

  @Param({"1000"})
  public int batch;

  private BenchmarkDatabase database;
  private Path work;
  private BackupManager bms;
  private HikariDataSource raw;
  private JobId job;
  private List<CopyResult> copies;
  private List<ReportedExecution> reported;
  private JdbcStorage storageOnly;
  private List<Execution> template;

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create("postgresql", "record");
    work = Files.createTempDirectory("bms-bench-record-");
    bms = Bms.builder().storage(database.storage(4)).build();
    bms.start();
    job = bms.jobs().create(BackupJob.builder("reported")
        .copy(CopySpec.target("filesystem", Map.of("root", work.toString(), "initialize", "true")).named("disk"))
        .build());
    raw = database.rawPool(4);
    copies = List.of(CopyResult.succeeded("disk", 1_048_576, 100, Duration.ofSeconds(60), "ab".repeat(32)));
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    reported = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      reported.add(new ReportedExecution(job, start.plusSeconds(i), start.plusSeconds(i + 60), copies));
    }
    storageOnly = database.storage(2);
    storageOnly.start();
    template = bms.executions().record(reported);
  }

  @TearDown
  public void tearDown() {
    storageOnly.close();
    bms.close();
    raw.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Execution bmsSingle() {
    ReportedRun running = bms.executions().begin(job);
    return bms.executions().complete(running.id(), running.token(), copies);
  }

  @Benchmark
  public UUID rawSingle() throws Exception {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement s = c.prepareStatement(INSERT_EXECUTION)) {
        bindExecution(s, id, "RUNNING", now, null, 0, 0);
        s.executeUpdate();
      }
      c.setAutoCommit(false);
      try (PreparedStatement u = c.prepareStatement(FINISH); PreparedStatement i = c.prepareStatement(INSERT_COPY)) {
        u.setObject(1, now);
        u.setLong(2, 1_048_576);
        u.setLong(3, 1_048_576);
        u.setLong(4, 100);
        u.setObject(5, id);
        if (u.executeUpdate() != 1) {
          throw new IllegalStateException("not finished");
        }
        bindCopy(i, id);
        i.executeUpdate();
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
    return id;
  }

  @Benchmark
  public List<Execution> bmsBatch() {
    return bms.executions().record(reported);
  }

  @Benchmark
  public List<Execution> bmsBatchStorageOnly() {
    List<Execution> fresh = new ArrayList<>(template.size());
    for (Execution e : template) {
      fresh.add(new Execution(new ExecutionId(UUID.randomUUID()), e.jobId(), e.mode(), e.trigger(), e.status(),
          e.scheduledFor(), e.createdAt(), e.startedAt(), e.finishedAt(), e.heartbeatAt(), e.progressBytes(),
          e.bytes(), e.files(), e.attempt(), e.owner(), e.version(), e.error(), e.copies()));
    }
    storageOnly.executions().insertAll(fresh);
    return fresh;
  }

  @Benchmark
  public int rawBatch() throws Exception {
    try (Connection c = raw.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement e = c.prepareStatement(INSERT_EXECUTION); PreparedStatement i = c.prepareStatement(INSERT_COPY)) {
        for (ReportedExecution r : reported) {
          UUID id = UUID.randomUUID();
          bindExecution(e, id, "SUCCEEDED", r.startedAt().atOffset(ZoneOffset.UTC), r.finishedAt().atOffset(ZoneOffset.UTC),
              1_048_576, 100);
          e.addBatch();
          bindCopy(i, id);
          i.addBatch();
        }
        e.executeBatch();
        i.executeBatch();
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
    return reported.size();
  }

  private void bindExecution(PreparedStatement s, UUID id, String status, OffsetDateTime started, OffsetDateTime finished,
                             long bytes, long files) throws Exception {
    s.setObject(1, id);
    s.setObject(2, job.value());
    s.setString(3, status);
    s.setObject(4, started);
    s.setObject(5, started);
    s.setObject(6, finished);
    s.setObject(7, finished != null ? finished : started);
    s.setLong(8, bytes);
    s.setLong(9, bytes);
    s.setLong(10, files);
  }

  private static void bindCopy(PreparedStatement s, UUID id) throws Exception {
    s.setObject(1, id);
    s.setLong(2, 1_048_576);
    s.setLong(3, 100);
    s.setLong(4, 60_000);
    s.setString(5, "ab".repeat(32));
  }
}
