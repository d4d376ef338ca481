package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database a benchmark trial runs on: a schema of its own on the local PostgreSQL (dropped at
 * the end), or an embedded H2 file database in a temporary directory (deleted at the end). bms and
 * the raw baseline use the same database, each through its own pool.
 */
final class BenchmarkDatabase implements AutoCloseable {
  static final String PG_URL = System.getProperty("bms.bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getProperty("bms.bench.pgUser", "postgres");
  static final String PG_PASSWORD = System.getProperty("bms.bench.pgPassword", "");
  /** The settings JdbcStorage.embedded uses, so raw connections open the same database the same way. */
  private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private final boolean postgres;
  private final String schema;
  private final Path directory;
  private final String url;

  private BenchmarkDatabase(boolean postgres, String schema, Path directory, String url) {
    this.postgres = postgres;
    this.schema = schema;
    this.directory = directory;
    this.url = url;
  }

  /**
   * A database whose H2 files live in the benchmark's own work directory ({@link #storage(Path)}),
   * or a random PostgreSQL schema; {@link #drop()} removes the schema.
   */
  BenchmarkDatabase(String kind) {
    this(postgres(kind), "bms_bench_" + suffix(), null, PG_URL);
  }

  private static boolean postgres(String kind) {
    return switch (kind) {
      case "h2" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalArgumentException("database: '" + kind + "' is neither h2 nor postgresql");
    };
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** A storage (not started): the schema on PostgreSQL, or an H2 database under {@code work}. */
  JdbcStorage storage(Path work) {
    return postgres
        ? JdbcStorage.builder().url(PG_URL).credentials(PG_USER, PG_PASSWORD).schema(schema).poolSize(4).build()
        : JdbcStorage.embedded(work.resolve("db"));
  }

  /** Drops the PostgreSQL schema (H2 files go with the work directory). */
  void drop() {
    if (postgres) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** {@code "postgresql"} or {@code "h2"}; {@code label} names the schema or directory. */
  static BenchmarkDatabase create(String kind, String label) {
    String suffix = suffix();
    switch (kind) {
      case "postgresql" -> {
        return new BenchmarkDatabase(true, "bms_bench_" + label + "_" + suffix, null, PG_URL);
      }
      case "h2" -> {
        try {
          Path dir = Files.createTempDirectory("bms-bench-" + label + "-");
          return new BenchmarkDatabase(false, null, dir, "jdbc:h2:file:" + dir.resolve("bms") + H2_SETTINGS);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      default -> throw new IllegalArgumentException("db must be postgresql or h2, not " + kind);
    }
  }

  /**
   * A database kept between trials (and runs), for data too large to seed per trial: the schema
   * {@code bms_bench_<name>} on PostgreSQL, or {@code <tmpdir>/bms-bench-<name>} for H2. Remove it
   * with {@link #close()}.
   */
  static BenchmarkDatabase kept(String kind, String name) {
    if (postgres(kind)) {
      return new BenchmarkDatabase(true, "bms_bench_" + name, null, PG_URL);
    }
    try {
      Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bms-bench-" + name));
      return new BenchmarkDatabase(false, null, dir, "jdbc:h2:file:" + dir.resolve("bms") + H2_SETTINGS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs ANALYZE on these tables (PostgreSQL; nothing on H2). */
  void analyze(String... tables) {
    if (postgres) {
      for (String t : tables) {
        // VACUUM too, as autovacuum would have by the time anyone reads: it sets the visibility map
        // that index-only scans (firing alerts counted from their index) rely on
        execute("VACUUM ANALYZE " + schema + "." + t);
      }
    }
  }

  boolean isPostgres() {
    return postgres;
  }

  /** A storage bms owns (not started) on this database. */
  JdbcStorage storage(int poolSize) {
    JdbcStorage.Builder b = JdbcStorage.builder().url(url).poolSize(poolSize);
    if (postgres) {
      b.credentials(PG_USER, PG_PASSWORD).schema(schema);
    }
    return b.build();
  }

  /** A plain HikariCP pool for the raw baseline (auto-commit on, as plain JDBC code has it). */
  HikariDataSource rawPool(int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("raw-baseline");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    if (postgres) {
      config.setUsername(PG_USER);
      config.setPassword(PG_PASSWORD);
      config.setSchema(schema);
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  /** Updates planner statistics after bulk loading, as autovacuum eventually would. */
  void analyze() {
    if (postgres) {
      execute("ANALYZE " + schema + ".bms_job; ANALYZE " + schema + ".bms_execution; ANALYZE " + schema
          + ".bms_copy_result");
    }
  }

  @Override
  public void close() {
    if (postgres) {
      drop();
    } else if (directory != null) {
      BenchmarkFiles.delete(directory);
    }
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
    }
  }
}
