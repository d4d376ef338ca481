package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.JobCompliance;
import dev.bms.core.Bms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * {@code compliance().evaluateAll()} of every job of {@link DashboardData} when nothing changed (the
 * periodic sweep's usual case: facts read, verdicts compared with the stored ones, nothing written),
 * beside plain JDBC reading the same rows from the same tables in pages of 10,000 jobs: the jobs,
 * each one's newest restore point with its copy results, and the stored verdicts (no rule evaluated,
 * no lock proofs or verifications, which the data has none of). Single shots: 1 warm-up, 3 measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class EvaluateAllScaleBenchmark {
  /**
   * H2 reads a set of ids best as a join from them: {@code = ANY(?)} makes it test every scanned row
   * against the whole array (bms's H2 statements do the same, see {@code h2Ids} in ExecutionMapper.xml).
   */
  private static final String H2_IDS = "(SELECT DISTINCT id FROM UNNEST(CAST(? AS UUID ARRAY)) AS t(id)) u";

  @Param({"1000", "10000", "100000"})
  public int jobs;

  @Param({"postgresql", "h2"})
  public String database;

  private Path work;
  private BenchmarkDatabase db;
  private BackupManager bms;
  private HikariDataSource raw;
  private boolean postgres;

  @Setup
  public void setUp() throws Exception {
    work = Files.createTempDirectory("bms-bench-evaluate-");
    db = DashboardData.open(database, jobs, work);
    postgres = db.isPostgres();
    bms = Bms.builder().storage(db.storage(4)).warmCacheOnStart(false).scheduler(false).instanceId("bench").build();
    bms.start();
    raw = db.rawPool(4);
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    DashboardData.release(db);
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public List<JobCompliance> bmsEvaluateAll() {
    return bms.compliance().evaluateAll();
  }

  @Benchmark
  public long rawEvaluateAll() throws SQLException {
    long rows = 0;
    UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
    boolean first = true;
    try (Connection c = raw.getConnection()) {
      while (true) {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(first
            ? "SELECT id, name, definition FROM bms_job ORDER BY id LIMIT 10000"
            : "SELECT id, name, definition FROM bms_job WHERE id > ? ORDER BY id LIMIT 10000")) {
          if (!first) {
            s.setObject(1, after);
          }
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getObject(1, UUID.class));
              rows += rs.getString(3).length() > 0 ? 1 : 0;
            }
          }
        }
        if (ids.isEmpty()) {
          return rows;
        }
        first = false;
        after = ids.get(ids.size() - 1);
        Object array = c.createArrayOf("uuid", ids.toArray());
        List<UUID> points = new ArrayList<>();
        String latest = postgres
            ? "SELECT e.id FROM unnest(CAST(? AS uuid[])) AS j(id) CROSS JOIN LATERAL (SELECT x.id FROM bms_execution x"
              + " WHERE x.job_id = j.id AND x.status IN ('SUCCEEDED', 'PARTIAL') ORDER BY x.created_at DESC, x.id DESC"
              + " LIMIT 1) e"
            : "SELECT (SELECT x.id FROM bms_execution x WHERE x.job_id = j.id AND x.status IN ('SUCCEEDED', 'PARTIAL')"
              + " ORDER BY x.created_at DESC, x.id DESC LIMIT 1) FROM " + H2_IDS + " JOIN bms_job j ON j.id = u.id";
        try (PreparedStatement s = c.prepareStatement(latest)) {
          s.setObject(1, array);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              UUID id = rs.getObject(1, UUID.class);
              if (id != null) {
                points.add(id);
              }
            }
          }
        }
        try (PreparedStatement s = c.prepareStatement(postgres
            ? "SELECT execution_id, copy_name, status FROM bms_copy_result WHERE execution_id = ANY(?)"
            : "SELECT c.execution_id, c.copy_name, c.status FROM " + H2_IDS + " JOIN bms_copy_result c ON c.execution_id = u.id")) {
          s.setObject(1, c.createArrayOf("uuid", points.toArray()));
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows++;
            }
          }
        }
        try (PreparedStatement s = c.prepareStatement(postgres
            ? "SELECT job_id, status, results FROM bms_compliance_verdict WHERE job_id = ANY(?)"
            : "SELECT v.job_id, v.status, v.results FROM " + H2_IDS + " JOIN bms_compliance_verdict v ON v.job_id = u.id")) {
          s.setObject(1, array);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows += rs.getString(3).length() > 0 ? 1 : 0;
            }
          }
        }
      }
    }
  }
}
