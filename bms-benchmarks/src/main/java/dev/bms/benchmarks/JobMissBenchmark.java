package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.benchmarks.RawRows.RawJob;
import dev.bms.core.Bms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code jobs().get(id)} missing the cache and reading PostgreSQL, beside a plain JDBC primary-key
 * select of the same row on a pooled connection, mapped to a record (definition parsed to a JSON
 * tree). Every bms call misses: the job cache's time-to-live is one nanosecond, so each entry has
 * expired by the next read and the read loads it again through the real cache path.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JobMissBenchmark {
  private static final String SELECT = "SELECT " + RawRows.JOB_COLUMNS + " FROM bms_job j WHERE j.id = ?";

  private BenchmarkDatabase database;
  private Path work;
  private BackupManager bms;
  private HikariDataSource raw;
  private JobId id;

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create("postgresql", "miss");
    work = Files.createTempDirectory("bms-bench-miss-");
    bms = Bms.builder().storage(database.storage(4)).jobCache(100_000, Duration.ofNanos(1)).build();
    bms.start();
    id = bms.jobs().create(BackupJob.builder("missed")
        .label("team", "bench")
        .copy(CopySpec.target("filesystem", Map.of("root", work.toString(), "initialize", "true")).named("disk"))
        .build());
    raw = database.rawPool(4);
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Job bmsGetMiss() {
    return bms.jobs().require(id);
  }

  @Benchmark
  public RawJob rawGetMiss() throws Exception {
    try (Connection c = raw.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("job " + id + " not found");
        }
        return RawRows.job(rs, 1);
      }
    }
  }
}
