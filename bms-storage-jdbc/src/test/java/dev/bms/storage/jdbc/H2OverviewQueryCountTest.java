package dev.bms.storage.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** Overview statement counts on embedded H2. */
class H2OverviewQueryCountTest extends OverviewQueryCountContract {
  @TempDir
  Path dir;

  @Override
  protected DataSource dataSource() {
    JdbcDataSource h2 = new JdbcDataSource();
    // keep the database open between connections: this DataSource does not pool
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    return h2;
  }
}
