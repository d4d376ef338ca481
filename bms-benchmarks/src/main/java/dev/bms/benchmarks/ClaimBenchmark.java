package dev.bms.benchmarks;

import dev.bms.api.model.ExecutionStatus;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.ExecutionOutcome;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Executions claimed and completed per second on PostgreSQL, by 2 and 4 instances at once (one
 * JMH thread per instance, each with its own connection pool), through bms's
 * {@code SchedulerStore.claim} (one statement: head of each job's queue, SKIP LOCKED, version + 1,
 * lease on the database clock, one running per job) and {@code ExecutionStore.finish} (fenced by
 * version, writes copy results; called by one worker thread per claimed execution, as the engine's
 * workers do, so the store group-commits the finishes that arrive together), beside the raw baseline: a plain JDBC {@code UPDATE ... WHERE id IN
 * (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 10) RETURNING} claim and a batched fenced completion on
 * the same table and data. The {@code executions} counter is executions completed per second.
 *
 * <p>Needs the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}); works in a
 * schema of its own, dropped at the end.
 */
// without these JMH defaults to 5 forks x (5 warmup + 5 measured) x 10 s per method: ~hours
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClaimBenchmark {
  static final String URL = System.getProperty("bms.bench.claimUrl", "jdbc:postgresql://127.0.0.1:5432/test");
  static final int BATCH = 10;
  static final int JOBS = 1000;

  /** The shared queue: one schema, topped up before every iteration. */
  @State(Scope.Benchmark)
  public static class Queue {
    String schema;

    @Setup(Level.Trial)
    public void create() throws SQLException {
      schema = "bms_bench_claim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      JdbcStorage migrate = JdbcStorage.builder().url(URL).credentials("postgres", "").schema(schema).build();
      migrate.start();
      migrate.close();
      sql("INSERT INTO " + schema + ".bms_job (id, name, enabled, version, created_at, updated_at, definition)"
          + " SELECT gen_random_uuid(), 'job-' || i, TRUE, 1, now(), now(), '{}' FROM generate_series(1, " + JOBS + ") i");
    }

    /** Keeps at least 200,000 PENDING executions due, spread over the jobs. */
    @Setup(Level.Iteration)
    public void topUp() throws SQLException {
      long pending = count("SELECT COUNT(*) FROM " + schema + ".bms_execution WHERE status = 'PENDING'");
      if (pending < Smoke.size(200_000, 1)) {
        sql("INSERT INTO " + schema + ".bms_execution (id, job_id, mode, trigger, status, created_at, progress_bytes,"
            + " bytes, files, attempt, version, due_at, target_types)"
            + " SELECT gen_random_uuid(), j.id, 'MANAGED', 'MANUAL', 'PENDING', now(), 0, 0, 0, 1, 0,"
            + " now() - interval '1 hour' + (g * interval '1 millisecond'), ',mem,'"
            + " FROM " + schema + ".bms_job j, generate_series(1, " + Smoke.size(300, 3) + ") g");
        sql("ANALYZE " + schema + ".bms_execution");
      }
    }

    @TearDown(Level.Trial)
    public void drop() throws SQLException {
      sql("DROP SCHEMA " + schema + " CASCADE");
    }

    void sql(String s) throws SQLException {
      try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement st = c.createStatement()) {
        st.execute(s);
      }
    }

    long count(String q) throws SQLException {
      try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery(q)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Executions completed, reported per second beside the operations (claim batches). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Completed {
    public long executions;

    @Setup(Level.Iteration)
    public void reset() {
      executions = 0;
    }
  }

  /** One instance: its own bms storage (pool of 2) and its own raw connection. */
  @State(Scope.Thread)
  public static class Instance {
    Storage storage;
    Connection raw;
    PreparedStatement rawClaim;
    PreparedStatement rawComplete;
    ExecutorService workers;
    String owner;

    @Setup(Level.Trial)
    public void open(Queue queue) throws SQLException {
      owner = "bench-" + UUID.randomUUID().toString().substring(0, 6);
      storage = JdbcStorage.builder().url(URL).credentials("postgres", "").schema(queue.schema).poolSize(2).build();
      storage.start();
      workers = Executors.newFixedThreadPool(BATCH);
      raw = DriverManager.getConnection(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + queue.schema, "postgres", "");
      raw.setAutoCommit(false);
      rawClaim = raw.prepareStatement("UPDATE bms_execution SET status = 'RUNNING', owner = ?, version = version + 1,"
          + " started_at = now(), lease_until = now() + interval '60 seconds'"
          + " WHERE id IN (SELECT id FROM bms_execution WHERE status = 'PENDING' AND due_at <= now()"
          + " ORDER BY due_at, id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) RETURNING id, version");
      rawComplete = raw.prepareStatement("UPDATE bms_execution SET status = 'SUCCEEDED', finished_at = now(),"
          + " lease_until = NULL WHERE id = ? AND version = ? AND status = 'RUNNING'");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      workers.shutdownNow();
      storage.close();
      raw.close();
    }
  }

  /**
   * What an engine instance does with {@code BATCH} free slots: one claim for all of them, then each
   * claimed execution finished by a worker thread of its own through {@code ExecutionStore.finish}
   * (fenced by the claimed version); the store writes the finishes that arrive together in one
   * transaction.
   */
  static int bmsClaimAndComplete(Instance in) throws Exception {
    Instant now = Instant.now();
    List<ClaimedExecution> claimed = in.storage.scheduler().orElseThrow().claim(in.owner, now, Duration.ofSeconds(60), BATCH, Set.of());
    List<Future<Boolean>> done = new ArrayList<>(claimed.size());
    for (ClaimedExecution c : claimed) {
      done.add(in.workers.submit(() -> in.storage.executions().finish(c.execution().id(), c.execution().version(),
          new ExecutionOutcome(ExecutionStatus.SUCCEEDED, Instant.now(), 0, 0, Optional.empty(), List.of()))));
    }
    for (Future<Boolean> f : done) {
      if (!f.get()) {
        throw new IllegalStateException("a finish of a freshly claimed execution was refused");
      }
    }
    return claimed.size();
  }

  static int rawClaimAndComplete(Instance in) throws SQLException {
    in.rawClaim.setString(1, in.owner);
    List<Object[]> claimed = new ArrayList<>(BATCH);
    try (ResultSet rs = in.rawClaim.executeQuery()) {
      while (rs.next()) {
        claimed.add(new Object[] {rs.getObject(1), rs.getLong(2)});
      }
    }
    in.raw.commit();
    for (Object[] c : claimed) {
      in.rawComplete.setObject(1, c[0]);
      in.rawComplete.setLong(2, (Long) c[1]);
      in.rawComplete.addBatch();
    }
    in.rawComplete.executeBatch();
    in.raw.commit();
    return claimed.size();
  }

  @Benchmark
  @Threads(2)
  public int bmsTwoInstances(Instance in, Completed done) throws Exception {
    int n = bmsClaimAndComplete(in);
    done.executions += n;
    return n;
  }

  @Benchmark
  @Threads(4)
  public int bmsFourInstances(Instance in, Completed done) throws Exception {
    int n = bmsClaimAndComplete(in);
    done.executions += n;
    return n;
  }

  @Benchmark
  @Threads(2)
  public int rawTwoInstances(Instance in, Completed done) throws SQLException {
    int n = rawClaimAndComplete(in);
    done.executions += n;
    return n;
  }

  @Benchmark
  @Threads(4)
  public int rawFourInstances(Instance in, Completed done) throws SQLException {
    int n = rawClaimAndComplete(in);
    done.executions += n;
    return n;
  }
}
