package dev.bms.storage.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An application's DataSource whose connections are switched to bms's schema when borrowed. Only
 * used when an application pool is combined with an explicit schema; it costs one
 * {@code setSchema} (and, on a connection with auto-commit off, one commit) per borrowed connection.
 */
final class SchemaDataSource implements DataSource {
  private final DataSource delegate;
  private final String schema;

  SchemaDataSource(DataSource delegate, String schema) {
    this.delegate = delegate;
    this.schema = schema;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return switched(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return switched(delegate.getConnection(username, password));
  }

  private Connection switched(Connection c) throws SQLException {
    try {
      c.setSchema(schema);
      if (!c.getAutoCommit()) {
        // commit the SET on its own, so that a rollback of bms's first transaction cannot undo it
        // and the connection does not wait in the pool inside a transaction
        c.commit();
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
