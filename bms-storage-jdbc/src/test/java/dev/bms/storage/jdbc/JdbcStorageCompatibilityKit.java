package dev.bms.storage.jdbc;

import dev.bms.spi.storage.StorageCapability;
import dev.bms.testkit.storage.StorageCompatibilityKit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The storage kit on {@link JdbcStorage}, which has every optional store, plus the JDBC-only
 * check that overview listings cost a fixed number of statements. Each subclass migrates one
 * database (or schema) once and empties its tables before every test.
 */
abstract class JdbcStorageCompatibilityKit extends StorageCompatibilityKit {

  /** A DataSource on the kit's (already migrated) database, for checks that build their own JdbcStorage. */
  protected abstract DataSource sameDatabase();

  @Override
  protected Set<StorageCapability> declaredCapabilities() {
    return EnumSet.allOf(StorageCapability.class);
  }

  /** The base tables of {@code schema}, except the migration history: what {@code deleteAll} empties. */
  static List<String> dataTables(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (var query = c.prepareStatement("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'bms_schema_history'"
        // the one row that counting verdicts locks is part of the schema, not data
        + " AND table_name <> 'bms_compliance_count_lock'")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(schema + "." + rows.getString(1));
        }
      }
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("no tables in schema " + schema + ": not migrated?");
    }
    return tables;
  }

  @Nested
  @DisplayName("overview statement counts")
  class OverviewQueryCount extends OverviewQueryCountChecks {
    @Override
    protected DataSource dataSource() {
      return sameDatabase();
    }
  }
}
