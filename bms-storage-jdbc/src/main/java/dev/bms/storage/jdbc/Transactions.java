package dev.bms.storage.jdbc;

import dev.bms.api.BmsException;
import dev.bms.api.ConflictException;
import dev.bms.api.StorageException;
import dev.bms.api.StorageUnavailableException;
import java.sql.SQLException;
import java.util.function.Function;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Runs each store method in one transaction: opens a session (auto-commit off), runs the work,
 * commits, and rolls back on any failure. SQL failures become {@link StorageException} (a
 * database that cannot be reached {@link StorageUnavailableException}), a unique key violation a
 * {@link ConflictException} (its message given by the caller).
 */
final class Transactions {
  /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
  static final String UNIQUE_VIOLATION = "23505";

  private volatile SqlSessionFactory sessions;
  private volatile String notReady = "storage is not started; call start() first";
  private volatile boolean postgres;
  private volatile boolean jitOffPerSession;

  /**
   * Bound by {@code JdbcStorage.start()}.
   *
   * @param postgres whether the database is PostgreSQL (some writes then take one statement)
   * @param jitOffPerSession whether every connection already runs with {@code jit = off} (bms's own
   *     PostgreSQL pool sets it at connect time), so no statement needs to turn it off itself
   */
  void bind(SqlSessionFactory factory, boolean postgres, boolean jitOffPerSession) {
    this.postgres = postgres;
    this.jitOffPerSession = jitOffPerSession;
    this.sessions = factory;
  }

  /** Whether the database is PostgreSQL. */
  boolean postgres() {
    return postgres;
  }

  /** Whether every connection runs with {@code jit = off} already (see {@link #bind}). */
  boolean jitOffPerSession() {
    return jitOffPerSession;
  }

  /** Unbound by {@code JdbcStorage.close()}: later calls fail with an IllegalStateException. */
  void unbind() {
    this.notReady = "storage is closed";
    this.sessions = null;
  }

  private SqlSessionFactory sessions() {
    SqlSessionFactory factory = sessions;
    if (factory == null) {
      throw new IllegalStateException(notReady);
    }
    return factory;
  }

  /** Work that may commit or decide to roll back. */
  interface Work<T> {
    T run(SqlSession session);
  }

  /**
   * Runs {@code work} in one transaction and commits.
   *
   * @param what what is done, for error messages
   * @param onUniqueViolation the exception to throw when a unique key is violated (given the
   *     failing SQL exception's message), or null when a violation is a plain storage failure
   */
  <T> T write(String what, Function<String, ConflictException> onUniqueViolation, Work<T> work) {
    return run(ExecutorType.SIMPLE, false, what, onUniqueViolation, work);
  }

  /**
   * Like {@link #write}, but statements are sent as JDBC batches: each run of consecutive calls of
   * one mapper statement is prepared once and executed as one batch at commit (with
   * {@code reWriteBatchedInserts}, as multi-row inserts on PostgreSQL). Update counts are not
   * available to the work.
   */
  <T> T writeBatched(String what, Function<String, ConflictException> onUniqueViolation, Work<T> work) {
    return run(ExecutorType.BATCH, false, what, onUniqueViolation, work);
  }

  private <T> T run(ExecutorType executor, boolean autoCommit, String what,
                    Function<String, ConflictException> onUniqueViolation, Work<T> work) {
    SqlSessionFactory factory = sessions();
    try (SqlSession session = factory.openSession(executor, autoCommit)) {
      try {
        T result = work.run(session);
        session.commit(true);
        return result;
      } catch (RuntimeException e) {
        try {
          session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (RuntimeException e) {
      throw translate(what, onUniqueViolation, e);
    }
  }

  /**
   * Runs a write that is <em>one statement</em> with auto-commit on: the statement is its own
   * transaction (atomic by itself), committed by the server as it completes, so there is no BEGIN
   * and no COMMIT round trip. Only for work that sends exactly one statement.
   */
  <T> T writeOneStatement(String what, Function<String, ConflictException> onUniqueViolation, Work<T> work) {
    return run(ExecutorType.SIMPLE, true, what, onUniqueViolation, work);
  }

  /**
   * Runs read-only work with auto-commit on: no BEGIN and no COMMIT round trip. Under READ COMMITTED
   * (the default of PostgreSQL and H2) every statement sees its own snapshot either way, so a
   * transaction would add nothing but a round trip.
   */
  <T> T read(String what, Work<T> work) {
    return run(ExecutorType.SIMPLE, true, what, null, work);
  }

  private static RuntimeException translate(String what, Function<String, ConflictException> onUniqueViolation,
                                            RuntimeException e) {
    if (e instanceof BmsException) {
      return e;
    }
    SQLException sql = sqlCause(e);
    if (sql != null && onUniqueViolation != null && uniqueViolation(sql)) {
      return onUniqueViolation.apply(String.valueOf(sql.getMessage()));
    }
    String message = "storage failed to " + what + ": " + (sql != null ? sql.getMessage() : e.getMessage());
    return ConnectionFailures.isUnreachable(e)
        ? new StorageUnavailableException(message, e)
        : new StorageException(message, e);
  }

  /** The exception or, for a failed batch, one of the exceptions chained to it is a unique violation. */
  private static boolean uniqueViolation(SQLException sql) {
    for (SQLException s = sql; s != null; s = s.getNextException()) {
      if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return true;
      }
    }
    return sql.getCause() instanceof SQLException c && c != sql && uniqueViolation(c);
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }
}
