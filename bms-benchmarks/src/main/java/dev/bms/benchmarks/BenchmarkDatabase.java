package dev.bms.benchmarks;

import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The databases benchmarks run on: embedded H2 in a directory, or a throw-away schema of the local PostgreSQL. */
final class BenchmarkDatabase {
  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String schema = "bms_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final boolean postgres;

  BenchmarkDatabase(String kind) {
    this.postgres = switch (kind) {
      case "h2" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalArgumentException("database: '" + kind + "' is neither h2 nor postgresql");
    };
  }

  JdbcStorage storage(Path work) {
    return postgres
        ? JdbcStorage.builder().url(POSTGRES_URL).credentials("postgres", "").schema(schema).poolSize(4).build()
        : JdbcStorage.embedded(work.resolve("db"));
  }

  /** Drops the PostgreSQL schema (H2 files go with the work directory). */
  void drop() {
    if (!postgres) {
      return;
    }
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop benchmark schema " + schema, e);
    }
  }
}
