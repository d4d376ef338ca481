package dev.bms.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.spi.storage.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * The storage kit on the real PostgreSQL: this class has its own random schema, migrated once,
 * emptied before every test and dropped afterwards.
 */
class PostgresStorageCompatibilityTest extends JdbcStorageCompatibilityKit {
  private final String schema = PostgresSupport.randomSchema();
  private HikariDataSource pool;

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.builder()
        .url(PostgresSupport.URL)
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
        .schema(schema)
        .poolSize(4)
        .build();
    storage.start();
    return storage;
  }

  @Override
  protected void deleteAll(Storage storage) {
    try (Connection c = DriverManager.getConnection(PostgresSupport.URL, PostgresSupport.USER,
        PostgresSupport.PASSWORD); Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + String.join(", ", dataTables(c, schema)) + " RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty schema " + schema + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected synchronized DataSource sameDatabase() {
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(PostgresSupport.URL);
      config.setUsername(PostgresSupport.USER);
      config.setPassword(PostgresSupport.PASSWORD);
      config.setSchema(schema);
      config.setMaximumPoolSize(2);
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  @AfterAll
  void dropSchema() {
    if (pool != null) {
      pool.close();
    }
    PostgresSupport.dropSchema(schema);
  }
}
