package dev.bms.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;

/**
 * The HikariCP pools bms creates when it is given a URL rather than a DataSource.
 *
 * <p>Connections are created with auto-commit off and the schema chosen at connect time
 * (PostgreSQL's {@code currentSchema} startup parameter, H2's {@code INIT}), never by a statement
 * inside a transaction, which the first rollback on the connection would undo. Waiting for a
 * connection, opening one and logging in are all bounded by the connection timeout, so calls fail
 * fast while the database is down.
 */
final class ConnectionPools {
  private ConnectionPools() {
  }

  /** The pool of the store methods. */
  static HikariDataSource queries(String url, String user, String password, Optional<String> schema, int size,
                                  Duration connectionTimeout) {
    HikariConfig config = config("bms-storage", url, user, password, schema, connectionTimeout);
    config.setMaximumPoolSize(size);
    config.setAutoCommit(false);
    if (Vendor.fromUrl(url) == Vendor.POSTGRESQL) {
      // search_path from the connection's startup packet: no statement, nothing a rollback can undo
      schema.ifPresent(s -> config.addDataSourceProperty("currentSchema", s));
      // multi-row batches become one INSERT ... VALUES (...), (...): ~1.5x faster bulk writes
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  /**
   * A small pool for Flyway at start (it takes two connections: one holds its lock), closed once the schema is migrated: Flyway changes
   * the search_path of the connections it uses, which must not end up in the query pool.
   */
  static HikariDataSource migrations(String url, String user, String password, Optional<String> schema,
                                     Duration connectionTimeout) {
    HikariConfig config = config("bms-migrations", url, user, password, schema, connectionTimeout);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  /** The URL connected to: for H2 with a schema, one that creates and selects it. */
  static String effectiveUrl(String url, Optional<String> schema) {
    return Vendor.fromUrl(url) == Vendor.H2 && schema.isPresent()
        // H2 refuses to switch to a schema that does not exist yet; PostgreSQL only sets search_path
        ? url + ";INIT=CREATE SCHEMA IF NOT EXISTS " + schema.get() + "\\;SET SCHEMA " + schema.get()
        : url;
  }

  private static HikariConfig config(String name, String url, String user, String password, Optional<String> schema,
                                     Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(effectiveUrl(url, schema));
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setConnectionTimeout(connectionTimeout.toMillis());
    // a pool that cannot connect at start fails start() after one connection timeout
    config.setInitializationFailTimeout(connectionTimeout.toMillis());
    if (Vendor.fromUrl(url) == Vendor.POSTGRESQL) {
      long seconds = Math.max(1, (connectionTimeout.toMillis() + 999) / 1000);
      config.addDataSourceProperty("connectTimeout", String.valueOf(seconds));
      config.addDataSourceProperty("loginTimeout", String.valueOf(seconds));
      // shows bms's connections in pg_stat_activity; a URL's own ApplicationName wins
      config.addDataSourceProperty("ApplicationName", "bms");
    }
    return config;
  }
}
