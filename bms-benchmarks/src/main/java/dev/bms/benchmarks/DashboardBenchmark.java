package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.VerdictPage;
import dev.bms.api.report.DashboardSummary;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.core.Bms;
import dev.bms.spi.storage.Rollup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
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
 * The questions a dashboard asks, at 1,000 / 10,000 / 100,000 jobs ({@link DashboardData}): the
 * summary ({@code reports().summary}), one page of 100 stored compliance verdicts with the total,
 * and a 30-day success-rate report by calendar day; each beside the same rows read with plain JDBC
 * from the same tables in the same run ({@code raw*}), plus the 30-day report computed from the
 * executions themselves ({@code rawSuccessRate30DaysFromExecutions}, what rollups replace). Short
 * runs (1 fork, 2 + 3 iterations of 2 s): the machine has 2 shared cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DashboardBenchmark {
  @Param({"1000", "10000", "100000"})
  public int jobs;

  @Param({"postgresql", "h2"})
  public String database;

  private Path work;
  private BenchmarkDatabase db;
  private BackupManager bms;
  private HikariDataSource raw;
  private LocalDate today;

  @Setup
  public void setUp() throws Exception {
    work = Files.createTempDirectory("bms-bench-dashboard-");
    db = DashboardData.open(database, jobs, work);
    bms = Bms.builder().storage(db.storage(4)).warmCacheOnStart(false).scheduler(false).instanceId("bench").build();
    bms.start();
    raw = db.rawPool(4);
    today = LocalDate.now(ZoneOffset.UTC);
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    DashboardData.release(db);
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public DashboardSummary bmsSummary() {
    return bms.reports().summary(ZoneOffset.UTC);
  }

  /** The summary's four statements, rows read into plain longs. */
  @Benchmark
  public long rawSummary() throws SQLException {
    return rawSummary("SELECT status, n FROM bms_job_count WHERE n <> 0",
        "SELECT rule_id, status, n FROM bms_compliance_count WHERE n <> 0");
  }

  /**
   * The same summary counted from the rows themselves (one per job, one per job and rule): what the
   * counters of V18_0/V18_1 replace.
   */
  @Benchmark
  public long rawSummaryCountingRows() throws SQLException {
    return rawSummary("SELECT status, COUNT(*) FROM bms_job_last GROUP BY status"
            + " UNION ALL SELECT CAST(NULL AS VARCHAR(16)), COUNT(*) FROM bms_job",
        "SELECT CAST(NULL AS VARCHAR(200)), status, COUNT(*) FROM bms_compliance_verdict GROUP BY status"
            + " UNION ALL SELECT rule_id, status, COUNT(*) FROM bms_compliance_rule_verdict GROUP BY rule_id, status");
  }

  private long rawSummary(String jobCounts, String complianceCounts) throws SQLException {
    Instant monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
    Instant tomorrow = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long sum = 0;
    try (Connection c = raw.getConnection()) {
      sum += sumColumn(c, jobCounts, 2);
      sum += sumColumn(c, "SELECT severity, COUNT(*) FROM bms_alert WHERE state = 'FIRING' GROUP BY severity", 2);
      sum += sumColumn(c, complianceCounts, 3);
      try (PreparedStatement s = c.prepareStatement("SELECT slot, succeeded, partial, failed FROM bms_rollup_total"
          + " WHERE slot >= ? AND slot < ? ORDER BY slot")) {
        s.setLong(1, Rollup.slotOf(monday));
        s.setLong(2, Rollup.slotOf(tomorrow));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            sum += rs.getLong(2) + rs.getLong(3) + rs.getLong(4);
          }
        }
      }
    }
    return sum;
  }

  @Benchmark
  public VerdictPage bmsCompliancePage() {
    return bms.compliance().verdicts(PageRequest.first(100));
  }

  /** The same page (rows as strings, the results JSON unparsed) and the total. */
  @Benchmark
  public List<String> rawCompliancePage() throws SQLException {
    List<String> out = new ArrayList<>(101);
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT v.job_id, j.name, v.status, v.restore_point, v.results,"
          + " v.evaluated_at FROM bms_compliance_verdict v JOIN bms_job j ON j.id = v.job_id ORDER BY v.job_id LIMIT 101");
           ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4) + rs.getString(5)
              + rs.getString(6));
        }
      }
      out.add(Long.toString(sumColumn(c, "SELECT n FROM bms_compliance_count WHERE rule_id = '' AND n <> 0", 1)));
    }
    return out;
  }

  @Benchmark
  public SuccessRateReport bmsSuccessRate30Days() {
    return bms.reports().successRate(today.minusDays(29), today, ZoneOffset.UTC, ReportBucket.DAY, 0.95);
  }

  /** The rollup totals of the 30 days, summed per day. */
  @Benchmark
  public long[][] rawSuccessRate30Days() throws SQLException {
    Instant from = today.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant();
    long[][] days = new long[30][3];
    try (Connection c = raw.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT slot, succeeded, partial, failed FROM bms_rollup_total"
             + " WHERE slot >= ? AND slot < ? ORDER BY slot")) {
      s.setLong(1, Rollup.slotOf(from));
      s.setLong(2, Rollup.slotOf(from.plus(30, ChronoUnit.DAYS)));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int d = (int) ChronoUnit.DAYS.between(from, Rollup.startOf(rs.getLong(1)));
          days[d][0] += rs.getLong(2);
          days[d][1] += rs.getLong(3);
          days[d][2] += rs.getLong(4);
        }
      }
    }
    return days;
  }

  /** What the rollups replace: the executions of the 30 days counted per status (one aggregate query). */
  @Benchmark
  public long rawSuccessRate30DaysFromExecutions() throws SQLException {
    Instant from = today.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (Connection c = raw.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT CAST(finished_at AS DATE), status, COUNT(*) FROM bms_execution"
             + " WHERE finished_at >= ? AND finished_at < ? GROUP BY CAST(finished_at AS DATE), status")) {
      s.setObject(1, from.atOffset(ZoneOffset.UTC));
      s.setObject(2, from.plus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
      long sum = 0;
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sum += rs.getLong(3);
        }
      }
      return sum;
    }
  }

  private static long sumColumn(Connection c, String sql, int column) throws SQLException {
    long sum = 0;
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        sum += rs.getLong(column);
      }
    }
    return sum;
  }
}
