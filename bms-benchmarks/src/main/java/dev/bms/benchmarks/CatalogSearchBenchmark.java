package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.FileVersion;
import dev.bms.core.Bms;
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
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
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
 * Catalog search on PostgreSQL over {@code entries} manifest entries (10 million by default,
 * {@code -Dbms.bench.catalogEntries=N}): 100 jobs x 100 restore points x {@code entries/10,000}
 * files, the same paths in every restore point of a job (so a path has 100 versions).
 *
 * <ul>
 *   <li>{@code bmsFindPath} / {@code rawFindPath}: every version of one path across all jobs
 *       ({@code restores().find(FileQuery.path(p))}: versions, then the copies holding them);</li>
 *   <li>{@code bmsFindName} / {@code rawFindName}: every file with one name, in one job;</li>
 *   <li>{@code bmsListPrefix} / {@code rawListPrefix}: the first 100 files of one restore point under a
 *       directory prefix ({@code restores().files(point, prefix, page)}).</li>
 * </ul>
 *
 * Seeding 10 million rows takes minutes on two cores, so the data lives in a schema of its own,
 * {@code bms_bench_catalog_<entries>}, seeded once (COPY-free: one server-side
 * {@code INSERT ... SELECT generate_series} with the catalog indexes dropped and rebuilt after) and
 * reused by later runs; drop it by hand when done. The smoke run uses 20,000 entries in a schema
 * it drops.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CatalogSearchBenchmark {
  static final int JOBS = 100;
  static final int POINTS_PER_JOB = 100;
  private static final String VERSIONS = "SELECT m.execution_id, e.job_id, e.created_at, m.path, m.size, m.sha256,"
      + " m.modified_at, m.permissions FROM bms_manifest_entry m JOIN bms_execution e ON e.id = m.execution_id"
      + " WHERE m.%s COLLATE \"C\" = ? AND e.status IN ('SUCCEEDED', 'PARTIAL')%s"
      + " ORDER BY e.created_at DESC, e.id DESC, m.path COLLATE \"C\" LIMIT 500";
  private static final String HOLDING = "SELECT c.execution_id, c.copy_name FROM bms_copy_result c"
      + " WHERE c.execution_id = ANY(?) AND c.status = 'SUCCEEDED' AND c.location IS NOT NULL"
      + " AND NOT EXISTS (SELECT 1 FROM bms_retention_deletion d WHERE d.execution_id = c.execution_id"
      + " AND d.copy_name = c.copy_name AND d.outcome = 'DELETED') ORDER BY c.execution_id, c.position";
  private static final String FILES = "SELECT m.execution_id, m.path, m.size, m.sha256, m.modified_at, m.permissions"
      + " FROM bms_manifest_entry m WHERE m.execution_id = ? AND m.path COLLATE \"C\" LIKE ? ESCAPE '!'"
      + " ORDER BY m.path COLLATE \"C\" LIMIT 100";

  private int entries;
  private int filesPerPoint;
  private String schema;
  private BackupManager bms;
  private HikariDataSource raw;
  private List<JobId> jobs;
  private List<ExecutionId> points;
  private final SplittableRandom random = new SplittableRandom(42);

  /** A version as the raw query maps it. */
  record RawVersion(UUID executionId, UUID jobId, Instant createdAt, String path, long size, String sha256,
                    Instant modifiedAt, String permissions, List<String> copies) {
  }

  /** A catalog row as the raw query maps it. */
  record RawEntry(UUID executionId, String path, long size, String sha256, Instant modifiedAt, String permissions) {
  }

  @Setup
  public void setUp() throws Exception {
    entries = Smoke.size(Integer.getInteger("bms.bench.catalogEntries", 10_000_000), 20_000);
    filesPerPoint = entries / (JOBS * POINTS_PER_JOB);
    schema = Smoke.on() ? "bms_bench_catalog_smoke_" + UUID.randomUUID().toString().substring(0, 8)
        : "bms_bench_catalog_" + entries;
    bms = Bms.builder().storage(JdbcStorage.builder().url(BenchmarkDatabase.PG_URL)
            .credentials(BenchmarkDatabase.PG_USER, BenchmarkDatabase.PG_PASSWORD).schema(schema).poolSize(4).build())
        .warmCacheOnStart(false).scheduler(false).build();
    bms.start();
    HikariConfig config = new HikariConfig();
    config.setPoolName("raw-catalog");
    config.setJdbcUrl(BenchmarkDatabase.PG_URL);
    config.setUsername(BenchmarkDatabase.PG_USER);
    config.setPassword(BenchmarkDatabase.PG_PASSWORD);
    config.setSchema(schema);
    config.setMaximumPoolSize(2);
    raw = new HikariDataSource(config);
    if (!seeded()) {
      CatalogSeeder.seed(bms, raw, JOBS, POINTS_PER_JOB, filesPerPoint);
    }
    jobs = new ArrayList<>();
    points = new ArrayList<>();
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, job_id FROM bms_execution ORDER BY id")) {
      while (rs.next()) {
        points.add(new ExecutionId(rs.getObject(1, UUID.class)));
        JobId job = new JobId(rs.getObject(2, UUID.class));
        if (!jobs.contains(job)) {
          jobs.add(job);
        }
      }
    }
  }

  private boolean seeded() throws SQLException {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM bms_execution WHERE manifest_entries = " + filesPerPoint)) {
      rs.next();
      return rs.getLong(1) == (long) JOBS * POINTS_PER_JOB;
    }
  }

  @TearDown
  public void tearDown() {
    bms.close();
    raw.close();
    if (Smoke.on()) {
      try (Connection c = DriverManager.getConnection(BenchmarkDatabase.PG_URL, BenchmarkDatabase.PG_USER,
          BenchmarkDatabase.PG_PASSWORD); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private String randomPath() {
    int job = random.nextInt(JOBS);
    int file = random.nextInt(filesPerPoint);
    return CatalogSeeder.path(job, file);
  }

  @Benchmark
  public List<FileVersion> bmsFindPath() {
    List<FileVersion> found = bms.restores().find(FileQuery.path(randomPath()));
    check(found.size() == POINTS_PER_JOB && found.get(0).copies().size() == 1, found.size());
    return found;
  }

  @Benchmark
  public List<RawVersion> rawFindPath() throws SQLException {
    List<RawVersion> found = versions("path", randomPath(), null);
    check(found.size() == POINTS_PER_JOB && found.get(0).copies().size() == 1, found.size());
    return found;
  }

  @Benchmark
  public List<FileVersion> bmsFindName() {
    int file = random.nextInt(filesPerPoint);
    JobId job = jobs.get(random.nextInt(jobs.size()));
    List<FileVersion> found = bms.restores().find(FileQuery.name(CatalogSeeder.name(file)).inJob(job));
    check(found.size() == POINTS_PER_JOB, found.size());
    return found;
  }

  @Benchmark
  public List<RawVersion> rawFindName() throws SQLException {
    int file = random.nextInt(filesPerPoint);
    JobId job = jobs.get(random.nextInt(jobs.size()));
    List<RawVersion> found = versions("name", CatalogSeeder.name(file), job.value());
    check(found.size() == POINTS_PER_JOB, found.size());
    return found;
  }

  @Benchmark
  public Page<CatalogEntry> bmsListPrefix() {
    ExecutionId point = points.get(random.nextInt(points.size()));
    Page<CatalogEntry> page = bms.restores().files(point, CatalogSeeder.directory(random.nextInt(dirs())),
        PageRequest.first(100));
    check(!page.items().isEmpty(), page.items().size());
    return page;
  }

  @Benchmark
  public List<RawEntry> rawListPrefix() throws SQLException {
    ExecutionId point = points.get(random.nextInt(points.size()));
    List<RawEntry> rows = new ArrayList<>();
    try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(FILES)) {
      ps.setObject(1, point.value());
      ps.setString(2, CatalogSeeder.directory(random.nextInt(dirs())) + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new RawEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getString(4),
              instant(rs, 5), rs.getString(6)));
        }
      }
    }
    check(!rows.isEmpty(), rows.size());
    return rows;
  }

  private int dirs() {
    return Math.max(1, filesPerPoint / CatalogSeeder.FILES_PER_DIR);
  }

  private List<RawVersion> versions(String column, String value, UUID job) throws SQLException {
    List<RawVersion> rows = new ArrayList<>();
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(String.format(VERSIONS, column, job == null ? "" : " AND e.job_id = ?"))) {
        ps.setString(1, value);
        if (job != null) {
          ps.setObject(2, job);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new RawVersion(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3),
                rs.getString(4), rs.getLong(5), rs.getString(6), instant(rs, 7), rs.getString(8), new ArrayList<>()));
          }
        }
      }
      if (rows.isEmpty()) {
        return rows;
      }
      Map<UUID, List<String>> copies = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(HOLDING)) {
        ps.setArray(1, c.createArrayOf("uuid", rows.stream().map(RawVersion::executionId).distinct().toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            copies.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
          }
        }
      }
      rows.forEach(r -> r.copies().addAll(copies.getOrDefault(r.executionId(), List.of())));
    }
    return rows;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void check(boolean ok, int size) {
    if (!ok) {
      throw new IllegalStateException("unexpected result (" + size + " rows)");
    }
  }

  /** Writes the catalog once: jobs and restore points through bms, manifest entries in one INSERT. */
  static final class CatalogSeeder {
    static final int FILES_PER_DIR = 50;

    private CatalogSeeder() {
    }

    static String name(int file) {
      return "file-" + file + ".dat";
    }

    static String directory(int dir) {
      return "d" + dir + "/";
    }

    /** {@code d<dir>/catalog-<job>/file-<n>.dat}: unique per job, repeated in each of its restore points. */
    static String path(int job, int file) {
      return directory(file / FILES_PER_DIR) + "catalog-" + job + "/" + name(file);
    }

    static void seed(BackupManager bms, HikariDataSource raw, int jobs, int pointsPerJob, int filesPerPoint)
        throws SQLException {
      long started = System.nanoTime();
      Instant base = Instant.parse("2026-01-01T00:00:00Z");
      String root;
      try {
        root = java.nio.file.Files.createTempDirectory("bms-bench-catalog").toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      for (int j = 0; j < jobs; j++) {
        // reported jobs: the restore points are recorded, the catalog rows written below
        JobId job = bms.jobs().create(dev.bms.api.model.BackupJob.builder("catalog-" + j)
            .copy(dev.bms.api.model.CopySpec.target("filesystem", Map.of("root", root, "initialize", "true")).named("nas"))
            .build());
        List<ReportedExecution> batch = new ArrayList<>();
        for (int p = 0; p < pointsPerJob; p++) {
          Instant at = base.plus(Duration.ofHours(p));
          batch.add(new ReportedExecution(job, at, at.plusSeconds(60), List.of(new CopyResult("nas", "", CopyStatus.SUCCEEDED,
              filesPerPoint, filesPerPoint, Duration.ofSeconds(60), Optional.empty(), Optional.of("/nas/" + j + "/" + p),
              Optional.empty(), Optional.empty()))));
        }
        bms.executions().record(batch);
      }
      try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            + " AND tablename = 'bms_manifest_entry' AND indexname NOT LIKE 'pk_%'")) {
          while (rs.next()) {
            indexes.add(rs.getString(2));
            s.getConnection().createStatement().execute("DROP INDEX " + rs.getString(1));
          }
        }
        // one row per (restore point, file); paths repeat across a job's restore points (versions)
        s.execute("INSERT INTO bms_manifest_entry (execution_id, path, size, sha256, modified_at, permissions, name)"
            + " SELECT e.id, 'd' || (g / " + FILES_PER_DIR + ") || '/' || j.name || '/file-' || g || '.dat', 1000 + g,"
            + " md5(e.id::text || g) || md5(g || e.id::text), e.created_at, 'rw-r--r--', 'file-' || g || '.dat'"
            + " FROM bms_execution e JOIN bms_job j ON j.id = e.job_id"
            + " CROSS JOIN generate_series(0, " + (filesPerPoint - 1) + ") g");
        s.execute("UPDATE bms_execution SET manifest_entries = " + filesPerPoint);
        for (String index : indexes) {
          s.execute(index);
        }
        s.execute("ANALYZE bms_manifest_entry; ANALYZE bms_execution; ANALYZE bms_copy_result");
      }
      System.out.printf("catalog seeded: %d entries in %d s%n", (long) jobs * pointsPerJob * filesPerPoint,
          (System.nanoTime() - started) / 1_000_000_000L);
    }
  }
}
