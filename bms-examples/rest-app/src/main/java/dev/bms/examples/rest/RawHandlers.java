package dev.bms.examples.rest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.model.Severity;
import dev.bms.spi.storage.Rollup;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load test's baseline ({@code --raw-endpoints=true}): the data behind the dashboard's requests
 * read with plain JDBC from bms's tables, in the same server, behind the same authentication,
 * rate limiter and JSON writer as the real endpoints. {@code bms-examples/rest-app/load/run-data-load.sh}
 * measures each real endpoint beside its {@code /raw/...} twin, so the ratio between the two holds on
 * a machine whose load moves.
 *
 * <ul>
 *   <li>{@code /raw/stats}: the counters {@code /api/stats} reads ({@code bms_job_count},
 *       firing alerts per severity, the day rollups);</li>
 *   <li>{@code /raw/compliance}: the first 100 stored verdicts and the per-rule counts;</li>
 *   <li>{@code /raw/compliance/summary}: the per-rule counts alone;</li>
 *   <li>{@code /raw/alerts}: the newest 100 open alerts, every column;</li>
 *   <li>{@code /raw/reports/success-rate}: the 30 day rollups before today.</li>
 * </ul>
 *
 * Not an API: the queries know bms's private schema, which changes between versions.
 */
final class RawHandlers implements AutoCloseable {
  private static final int PAGE = 100;

  private final HikariDataSource pool;
  private final Clock clock;

  private RawHandlers(HikariDataSource pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** A small pool of its own on bms's database (the same embedded H2 file, or PostgreSQL). */
  static RawHandlers open(AppConfig config, Clock clock) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("raw-baseline");
    hikari.setMaximumPoolSize(10);
    hikari.setReadOnly(true);
    if (config.postgresUrl().isPresent()) {
      hikari.setJdbcUrl(config.postgresUrl().get());
      hikari.setUsername(config.postgresUser());
      hikari.setPassword(config.postgresPassword());
      config.postgresSchema().ifPresent(hikari::setSchema);
    } else {
      // The URL bms's JdbcStorage.embedded(dir) opens: in one JVM, H2 shares the open database.
      hikari.setJdbcUrl("jdbc:h2:file:" + config.dataDir().resolve("db").toAbsolutePath().normalize().resolve("bms")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
    return new RawHandlers(new HikariDataSource(hikari), clock);
  }

  /** Same shape as {@code /api/stats}: the summary counters and 14 days of rollups. */
  void stats(Context ctx) throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant from = today.minusDays(13).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (Connection c = pool.getConnection()) {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      long jobs = 0;
      for (List<Object> row : rows(c, "SELECT status, n FROM bms_job_count WHERE n <> 0")) {
        long n = ((Number) row.get(1)).longValue();
        if ("".equals(row.get(0))) {
          jobs = n;
        } else {
          byStatus.put((String) row.get(0), n);
        }
      }
      Map<String, Long> firing = new LinkedHashMap<>();
      for (Severity severity : Severity.values()) {
        firing.put(severity.name(), 0L);
      }
      for (List<Object> row : rows(c, "SELECT severity, COUNT(*) FROM bms_alert WHERE state = 'FIRING' GROUP BY severity")) {
        firing.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
      List<StatsHandler.DayStats> days = new ArrayList<>();
      for (long[] d : rollupDays(c, from, 14)) {
        long finished = d[0] + d[1] + d[2];
        days.add(new StatsHandler.DayStats(from.plus(days.size(), ChronoUnit.DAYS), finished, d[0], d[1], d[2],
            finished == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * d[0] / finished) / 10.0)));
      }
      Json.respond(ctx, 200, new StatsHandler.Stats(clock.instant(), jobs, byStatus, days, firing));
    }
  }

  /** The first page of stored verdicts (results as stored) and the per-rule counts. */
  void compliance(Context ctx) throws SQLException {
    try (Connection c = pool.getConnection()) {
      List<Map<String, Object>> page = objects(c, "SELECT v.job_id, j.name, v.status, v.restore_point, v.results,"
          + " v.evaluated_at FROM bms_compliance_verdict v JOIN bms_job j ON j.id = v.job_id ORDER BY v.job_id LIMIT "
          + (PAGE + 1));
      List<Map<String, Object>> counts = objects(c, "SELECT rule_id, status, n FROM bms_compliance_count WHERE n <> 0");
      Json.respond(ctx, 200, Map.of("results", page.subList(0, Math.min(PAGE, page.size())), "counts", counts));
    }
  }

  /** The per-rule counts, as {@code /api/compliance/summary} answers them. */
  void complianceSummary(Context ctx) throws SQLException {
    try (Connection c = pool.getConnection()) {
      Json.respond(ctx, 200, Map.of("counts", objects(c, "SELECT rule_id, status, n FROM bms_compliance_count WHERE n <> 0")));
    }
  }

  /** The newest page of open alerts, as {@code /api/alerts} lists them. */
  void alerts(Context ctx) throws SQLException {
    try (Connection c = pool.getConnection()) {
      List<Map<String, Object>> page = objects(c, "SELECT id, rule, severity, state, job_id, job_name, title, detail,"
          + " labels, seen_count, first_seen, last_seen, ack_deadline, acknowledged_at, acknowledged_by, ack_note,"
          + " resolved_at, sla_breached FROM bms_alert WHERE state IN ('FIRING', 'ACKNOWLEDGED') ORDER BY id DESC LIMIT "
          + (PAGE + 1));
      Json.respond(ctx, 200, Map.of("items", page.subList(0, Math.min(PAGE, page.size()))));
    }
  }

  /** Succeeded, partial and failed per day over the 30 days before today, from the rollups. */
  void successRate(Context ctx) throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant from = today.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (Connection c = pool.getConnection()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int day = 0;
      for (long[] d : rollupDays(c, from, 30)) {
        rows.add(Map.of("from", from.plus(day++, ChronoUnit.DAYS), "succeeded", d[0], "partial", d[1], "failed", d[2]));
      }
      Json.respond(ctx, 200, Map.of("rows", rows));
    }
  }

  /** Succeeded, partial, failed per UTC day from {@code from}, summed by the database. */
  private static long[][] rollupDays(Connection c, Instant from, int days) throws SQLException {
    long[][] out = new long[days][3];
    long first = Rollup.slotOf(from);
    long perDay = Duration.ofDays(1).dividedBy(Rollup.SLOT);
    try (PreparedStatement s = c.prepareStatement("SELECT d, SUM(succeeded), SUM(partial), SUM(failed) FROM"
        + " (SELECT (slot - ?) / ? AS d, succeeded, partial, failed FROM bms_rollup_total WHERE slot >= ? AND slot < ?) t"
        + " GROUP BY d")) {
      s.setLong(1, first);
      s.setLong(2, perDay);
      s.setLong(3, first);
      s.setLong(4, first + days * perDay);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int d = (int) rs.getLong(1);
          out[d][0] = rs.getLong(2);
          out[d][1] = rs.getLong(3);
          out[d][2] = rs.getLong(4);
        }
      }
    }
    return out;
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static List<Map<String, Object>> objects(Connection c, String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          // Times and ids as text: the JSON writer then does the same work as for bms's views.
          row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), value == null ? null : value.toString());
        }
        out.add(row);
      }
    }
    return out;
  }

  @Override
  public void close() {
    pool.close();
  }
}
