package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.core.Bms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Audit trail search on PostgreSQL over {@code records} audit records (1 million by default,
 * {@code -Dbms.bench.auditRecords=N}; see {@link AuditSeeder} for what they look like): the first
 * page (50 records, newest first) of {@code bms.as(auditor).audit().search(filter, first(50))}
 * beside the same SQL statement on a plain JDBC connection, mapped to a plain row record. Sample
 * time mode, so JMH prints percentiles: the target is p95 under 20 ms.
 *
 * <p>{@code query} picks the filter; each call draws its values at random (of the seeded actors,
 * jobs, operations and 30-day windows):
 * <ul>
 *   <li>{@code rareText}: full text only, one job's name (about 0.05 % of the records);</li>
 *   <li>{@code commonText}: full text only, a department word in about 10 % of the records;</li>
 *   <li>{@code textActor}: a department word and one actor;</li>
 *   <li>{@code textOperationRange}: a department word, one operation and a 30-day window;</li>
 *   <li>{@code allFilters}: a department word, one actor, one operation and a 30-day window;</li>
 *   <li>{@code noMatch}: a word no record holds, with a 30-day window (the whole range is searched).</li>
 * </ul>
 *
 * <p>Seeding a million records takes a minute or two, so they live in a schema of their own,
 * {@code bms_bench_audit_<records>}, seeded once and reused by later runs (the marker is the chain
 * head naming the last seeded record); drop it by hand when done. The smoke run uses 5,000 records
 * in a schema it drops.
 */
@Fork(1)
// long warm-up: MyBatis's dynamic SQL and mapping take about a thousand calls to be compiled, far more
// on a loaded machine; a short warm-up measured the interpreter (2-3x the raw time), not the search
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditSearchBenchmark {
  static final int PAGE = 50;

  @Param({"rareText", "commonText", "textActor", "textOperationRange", "allFilters", "noMatch"})
  public String query;

  private int records;
  private BenchmarkDatabase database;
  private BackupManager bms;
  private BackupServices auditor;
  private HikariDataSource raw;
  private final SplittableRandom random = new SplittableRandom(17);

  /** An audit row as the raw query maps it. */
  record RawAuditRow(long seq, Instant at, String actorId, String actorName, String actorKind, String actorRoles,
                     String operation, String resourceType, String resourceId, String outcome, String detail,
                     String diff, String prevHash, String hash) {
  }

  /** One search's filter values; absent ones are null. */
  record Query(String text, String actor, String operation, Instant from, Instant to) {
    AuditFilter filter() {
      AuditFilter f = AuditFilter.all();
      if (from != null) {
        f = f.between(from, to);
      }
      if (actor != null) {
        f = f.withActor(actor);
      }
      if (operation != null) {
        f = f.withOperation(operation);
      }
      return text == null ? f : f.withText(text);
    }
  }

  @Setup
  public void setUp() throws Exception {
    records = Smoke.size(Integer.getInteger("bms.bench.auditRecords", 1_000_000), 5_000);
    database = Smoke.on() ? BenchmarkDatabase.create("postgresql", "audit_smoke")
        : BenchmarkDatabase.kept("postgresql", "audit_" + records);
    bms = Bms.builder().storage(database.storage(4)).warmCacheOnStart(false).scheduler(false).build();
    bms.start();
    raw = database.rawPool(2);
    if (AuditSeeder.seededRecords(raw) != records) {
      AuditSeeder.seed(raw, records);
      database.analyze("bms_audit", "bms_audit_head");
    }
    auditor = bms.as(Actor.person("u-auditor", "Audra Auditor", "auditor"));
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    if (Smoke.on()) {
      database.close();
    }
  }

  /** The filter values of the next call, drawn at random for {@link #query}. */
  Query next() {
    String dept = AuditSeeder.DEPARTMENTS[random.nextInt(AuditSeeder.DEPARTMENTS.length)];
    String actor = AuditSeeder.personId(random.nextInt(AuditSeeder.PERSONS));
    String operation = AuditSeeder.OPERATIONS[random.nextInt(AuditSeeder.OPERATIONS.length)];
    long span = Duration.between(AuditSeeder.START, AuditSeeder.end(records)).toSeconds();
    Instant from = AuditSeeder.START.plusSeconds(random.nextLong(Math.max(1, span - Duration.ofDays(30).toSeconds())));
    Instant to = from.plus(Duration.ofDays(30));
    return switch (query) {
      case "rareText" -> new Query(AuditSeeder.jobName(random.nextInt(AuditSeeder.JOBS)), null, null, null, null);
      case "commonText" -> new Query(dept, null, null, null, null);
      case "textActor" -> new Query(dept, actor, null, null, null);
      case "textOperationRange" -> new Query(dept, null, operation, from, to);
      case "allFilters" -> new Query(dept, actor, operation, from, to);
      case "noMatch" -> new Query("quarantined", null, null, from, to);
      default -> throw new IllegalArgumentException("query: unknown '" + query + "'");
    };
  }

  @Benchmark
  public Page<AuditRecord> bmsSearch() {
    Page<AuditRecord> page = auditor.audit().search(next().filter(), PageRequest.first(PAGE));
    check(page.items().size() <= PAGE);
    return page;
  }

  @Benchmark
  public List<RawAuditRow> rawSearch() throws SQLException {
    Query q = next();
    StringBuilder sql = new StringBuilder("SELECT seq, at, actor_id, actor_name, actor_kind, actor_roles, operation,"
        + " resource_type, resource_id, outcome, detail, diff, prev_hash, hash FROM bms_audit WHERE TRUE");
    List<Object> args = new ArrayList<>();
    if (q.from() != null) {
      sql.append(" AND at >= ? AND at < ?");
      args.add(Timestamp.from(q.from()));
      args.add(Timestamp.from(q.to()));
    }
    if (q.actor() != null) {
      sql.append(" AND actor_id = ?");
      args.add(q.actor());
    }
    if (q.operation() != null) {
      sql.append(" AND operation = ?");
      args.add(q.operation());
    }
    if (q.text() != null) {
      sql.append(" AND search @@ plainto_tsquery('simple', ?)");
      args.add(q.text());
    }
    sql.append(" ORDER BY seq DESC LIMIT ").append(PAGE + 1);
    List<RawAuditRow> rows = new ArrayList<>();
    try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new RawAuditRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
              rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)));
        }
      }
    }
    check(rows.size() <= PAGE + 1);
    return rows;
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("more rows than a page");
    }
  }
}
