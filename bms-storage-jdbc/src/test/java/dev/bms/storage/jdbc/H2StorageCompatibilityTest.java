package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The storage kit on the embedded H2 default: one database file, migrated once, emptied per test. */
class H2StorageCompatibilityTest extends JdbcStorageCompatibilityKit {
  @TempDir
  static Path dir;

  /** The URL {@link JdbcStorage#embedded} opens; other connections to it join the open database. */
  private static String url() {
    return "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("bms") + JdbcStorage.H2_SETTINGS;
  }

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.embedded(dir);
    storage.start();
    return storage;
  }

  @Override
  protected void deleteAll(Storage storage) {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("SET REFERENTIAL_INTEGRITY FALSE");
      for (String table : dataTables(c, "public")) {
        s.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY");
      }
      s.execute("SET REFERENTIAL_INTEGRITY TRUE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected DataSource sameDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url());
    return h2;
  }
}
