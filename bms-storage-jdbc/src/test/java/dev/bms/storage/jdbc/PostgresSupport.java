package dev.bms.storage.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The real PostgreSQL the tests use, and throw-away schemas in it. */
final class PostgresSupport {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";
  static final String PASSWORD = "";

  private PostgresSupport() {
  }

  /** A new random schema name, not created yet. */
  static String randomSchema() {
    return "bms_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + URL + ": " + e.getMessage(), e);
    }
  }

  static void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
