package dev.bms.storage.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (down, refusing connections, the pool timed out waiting
 * for one, the connection broke) from a statement that failed: the first becomes
 * {@link dev.bms.api.StorageUnavailableException}, worth retrying later.
 */
final class ConnectionFailures {
  /**
   * PostgreSQL: admin shutdown, crash shutdown, cannot connect now; H2: connection broken,
   * database closed, database called at shutdown.
   */
  private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "90067", "90098", "90121");

  private ConnectionFailures() {
  }

  /** Whether {@code failure}, or a cause of it, says the database cannot be reached. */
  static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && unreachableState(s)) {
        return true;
      }
      if (t instanceof java.net.ConnectException || t.getClass().getName().endsWith("PoolInitializationException")) {
        return true;
      }
    }
    return false;
  }

  private static boolean unreachableState(SQLException sql) {
    for (SQLException s = sql; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      // class 08: connection exception (PostgreSQL and H2)
      if (state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state))) {
        return true;
      }
    }
    return false;
  }
}
