package dev.bms.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plain JDBC on one schema, for checking from the database itself what the instances recorded
 * (a fresh connection per call: the checks must not depend on bms's pool).
 */
final class Db {
  static final String SHARED_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String url;
  private final String schema;

  Db(String url, String schema) {
    this.url = url;
    this.schema = schema;
  }

  static String randomSchema(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  String url() {
    return url;
  }

  String schema() {
    return schema;
  }

  /** Rows of a query as column-name maps; {@code %s} in the query is the schema. */
  List<Map<String, Object>> rows(String query, Object... params) {
    try (Connection c = connect()) {
      var ps = c.prepareStatement(query.replace("%s", schema));
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(md.getColumnLabel(i), value instanceof java.sql.Timestamp ? rs.getObject(i, OffsetDateTime.class) : value);
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  long count(String query, Object... params) {
    return ((Number) rows(query, params).get(0).values().iterator().next()).longValue();
  }

  void execute(String statement) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(statement.replace("%s", schema));
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  void dropSchema() {
    execute("DROP SCHEMA IF EXISTS %s CASCADE");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }
}
