package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.core.Bms;
import dev.bms.core.internal.anomaly.AnomalyEvaluator;
import dev.bms.core.internal.anomaly.DataPathSignals;
import dev.bms.core.internal.anomaly.Evaluation;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.BaselineStore;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.spi.storage.JobStore;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * The cost of judging one finished execution (issue 19), on PostgreSQL and on H2: {@code bms} is
 * {@link AnomalyEvaluator#evaluate} of one SUCCEEDED execution of a nightly job with a full baseline
 * (every window filled by 120 earlier runs, two copies, an RPO and a timeout, so every detector and
 * every forecast runs): it reads the job's baseline row, decodes it, judges size, files, duration,
 * the success rates, the duration trend and the RPO, encodes it and writes the row back. {@code raw}
 * is the same row read and written back unchanged with plain JDBC (auto-commit, one SELECT and one
 * UPDATE): what any per-execution state costs at the least. bms / raw is the price of the
 * statistics and of MyBatis around the same two statements; {@code judgeInMemory} is the
 * evaluation alone, its baselines in a map.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnomalyEvaluationBenchmark {
  @Param({"postgresql", "h2"})
  public String db;

  private BenchmarkDatabase database;
  private Path work;
  private BackupManager bms;
  private JdbcStorage storage;
  private AnomalyEvaluator evaluator;
  private AnomalyEvaluator inMemory;
  private HikariDataSource raw;
  private Job job;
  private Instant at = Instant.parse("2026-01-05T02:00:00Z");
  private final Random random = new Random(19);

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create(db, "anomaly");
    work = Files.createTempDirectory("bms-bench-anomaly-");
    Files.createDirectories(work.resolve("second"));
    storage = database.storage(4);
    bms = Bms.builder().storage(storage).warmCacheOnStart(false).scheduler(false).build();
    bms.start();
    JobId id = bms.jobs().create(BackupJob.builder("nightly")
        .schedule(Schedule.cron("0 2 * * *", ZoneOffset.UTC))
        .copy(CopySpec.target("filesystem", Map.of("root", work.toString(), "initialize", "true")).named("nas"))
        .copy(CopySpec.target("filesystem", Map.of("root", work.resolve("second").toString(), "initialize", "true"))
            .named("second"))
        .rpo(Duration.ofHours(26)).timeout(Duration.ofHours(6))
        .build());
    job = bms.jobs().get(id).orElseThrow();
    evaluator = new AnomalyEvaluator(storage, AnomalyPolicy.defaults(), new DataPathSignals(storage, AnomalyPolicy.defaults()));
    for (int i = 0; i < 120; i++) {
      bmsEvaluate();
    }
    InMemoryBaselines memory = new InMemoryBaselines(storage);
    memory.states.putAll(storage.baselines().orElseThrow().baselines(List.of(job.id())));
    inMemory = new AnomalyEvaluator(memory, AnomalyPolicy.defaults(), new DataPathSignals(memory, AnomalyPolicy.defaults()));
    raw = database.rawPool(2);
  }

  @TearDown
  public void tearDown() {
    raw.close();
    bms.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  /** The next nightly run: about 2.3 GB, 80,000 files, 40 minutes. */
  private ExecutionFinishedEvent next() {
    at = at.plus(Duration.ofDays(1));
    Instant finished = at.plus(Duration.ofMinutes(38 + random.nextInt(5)));
    Execution run = Execution.builder(new ExecutionId(new UUID(at.getEpochSecond(), 1)), job.id(), at)
        .mode(ExecutionMode.MANAGED).status(ExecutionStatus.SUCCEEDED).startedAt(at).finishedAt(finished)
        .bytes(Math.round(2.3e9 * (1 + 0.05 * random.nextGaussian()))).files(80_000 + random.nextInt(500))
        .copies(List.of(copy("nas"), copy("second")))
        .build();
    return new ExecutionFinishedEvent(job, run, finished);
  }

  private static CopyResult copy(String name) {
    return new CopyResult(name, "filesystem", CopyStatus.SUCCEEDED, 2_300_000_000L, 80_000, Duration.ofMinutes(40),
        Optional.empty(), Optional.of("loc-" + name), Optional.empty(), Optional.empty());
  }

  @Benchmark
  public Map<ExecutionId, Evaluation> bmsEvaluate() {
    return evaluator.evaluate(List.of(next()));
  }

  /**
   * Not a pair: the same evaluation against baselines kept in a map instead of the database, so
   * bmsEvaluate − judgeInMemory is what the two statements cost through bms's storage.
   */
  @Benchmark
  public Map<ExecutionId, Evaluation> judgeInMemory() {
    return inMemory.evaluate(List.of(next()));
  }

  @Benchmark
  public int rawEvaluate() throws SQLException {
    try (Connection c = raw.getConnection()) {
      String state;
      try (PreparedStatement read = c.prepareStatement("SELECT state FROM bms_job_baseline WHERE job_id = ?")) {
        read.setObject(1, job.id().value());
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          state = rs.getString(1);
        }
      }
      try (PreparedStatement write = c.prepareStatement(
          "UPDATE bms_job_baseline SET state = ?, updated_at = CURRENT_TIMESTAMP WHERE job_id = ?")) {
        write.setString(1, state);
        write.setObject(2, job.id().value());
        return write.executeUpdate();
      }
    }
  }

  /** The JDBC storage with its baselines in a map. */
  static final class InMemoryBaselines implements Storage, BaselineStore {
    final Map<JobId, String> states = new java.util.HashMap<>();
    private final Storage storage;

    InMemoryBaselines(Storage storage) {
      this.storage = storage;
    }

    @Override
    public Map<JobId, String> baselines(java.util.Collection<JobId> jobs) {
      Map<JobId, String> out = new java.util.HashMap<>();
      jobs.forEach(j -> {
        if (states.containsKey(j)) {
          out.put(j, states.get(j));
        }
      });
      return out;
    }

    @Override
    public void putBaselines(Map<JobId, String> put) {
      states.putAll(put);
    }

    @Override
    public Optional<BaselineStore> baselines() {
      return Optional.of(this);
    }

    @Override
    public void start() {
    }

    @Override
    public JobStore jobs() {
      return storage.jobs();
    }

    @Override
    public ExecutionStore executions() {
      return storage.executions();
    }

    @Override
    public AlertStore alerts() {
      return storage.alerts();
    }

    @Override
    public Instant now() {
      return storage.now();
    }

    @Override
    public String describe() {
      return "in-memory baselines over " + storage.describe();
    }

    @Override
    public void close() {
    }
  }
}
