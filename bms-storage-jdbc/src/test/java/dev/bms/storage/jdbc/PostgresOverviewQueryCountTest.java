package dev.bms.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** Overview statement counts on the real PostgreSQL, in a random schema dropped afterwards. */
class PostgresOverviewQueryCountTest extends OverviewQueryCountContract {
  private final String schema = PostgresSupport.randomSchema();
  private HikariDataSource pool;

  @Override
  protected DataSource dataSource() {
    PostgresSupport.execute("CREATE SCHEMA " + schema);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresSupport.URL);
    config.setUsername(PostgresSupport.USER);
    config.setPassword(PostgresSupport.PASSWORD);
    config.setSchema(schema);
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    return pool;
  }

  @AfterEach
  void dropSchema() {
    if (pool != null) {
      pool.close();
    }
    PostgresSupport.dropSchema(schema);
  }
}
