package dev.bms.storage.jdbc;

import dev.bms.api.BmsException;
import dev.bms.api.ConflictException;
import dev.bms.api.StorageException;
import dev.bms.api.StorageUnavailableException;
import dev.bms.spi.storage.TransactionScope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Runs each store method in one transaction: opens a session (auto-commit off), runs the work,
 * commits, and rolls back on any failure. SQL failures become {@link StorageException} (a
 * database that cannot be reached {@link StorageUnavailableException}), a unique key violation a
 * {@link ConflictException} (its message given by the caller).
 *
 * <p><b>Ambient transaction.</b> Inside {@link #inTransaction} every store method called on the same
 * thread joins one transaction on one connection (taken once, so a pool of one connection does not
 * deadlock); nothing commits until the scope's work returns, and everything rolls back when it throws.
 * Store methods run there without a savepoint of their own (a savepoint and its release would be two
 * more round trips per method): a store method that fails <em>dooms</em> the scope, whatever the work
 * does with the failure. Every later store call of the scope fails at once, and when the work returns
 * anyway, the scope rolls back and {@link #inTransaction} throws a {@link StorageException} caused by
 * that first failure (fail-closed: a change is never committed without the writes that were meant to
 * go with it). The one failure a store method recovers from itself (the audit chain's head created by
 * two instances at once) is undone under a savepoint of its own ({@link #recoverable}).
 */
final class Transactions implements TransactionScope {
  /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
  static final String UNIQUE_VIOLATION = "23505";

  private volatile SqlSessionFactory sessions;
  /** The ambient transaction of this thread, when one is open. */
  private final ThreadLocal<Ambient> ambient = new ThreadLocal<>();

  /** An open ambient transaction: its connection and the first store failure that doomed it. */
  private static final class Ambient {
    final Connection connection;
    RuntimeException doomedBy;

    Ambient(Connection connection) {
      this.connection = connection;
    }

    /** Fails when an earlier store method of this scope failed: the scope can only roll back now. */
    void requireAlive(String what) {
      if (doomedBy != null) {
        throw like(doomedBy, "storage refused to " + what + ": an earlier store call in this transaction failed"
            + " and it will be rolled back (" + doomedBy.getMessage() + ")");
      }
    }

    /**
     * A failure of the doomed scope, of the same kind as the store failure that doomed it: a
     * database that could not be reached stays {@link StorageUnavailableException} (worth retrying),
     * whatever the work did with the first failure.
     */
    static StorageException like(RuntimeException doomedBy, String message) {
      return doomedBy instanceof StorageUnavailableException
          ? new StorageUnavailableException(message, doomedBy)
          : new StorageException(message, doomedBy);
    }

    RuntimeException doom(RuntimeException failure) {
      if (doomedBy == null) {
        doomedBy = failure;
      }
      return failure;
    }
  }
  /** The connection of this thread's {@link #reading} scope (auto-commit on), when one is open. */
  private final ThreadLocal<Connection> reads = new ThreadLocal<>();
  private volatile String notReady = "storage is not started; call start() first";
  private volatile boolean postgres;

  /**
   * Bound by {@code JdbcStorage.start()}.
   *
   * @param postgres whether the database is PostgreSQL (some writes then take one statement)
   */
  void bind(SqlSessionFactory factory, boolean postgres) {
    this.postgres = postgres;
    this.sessions = factory;
  }

  /** Whether the database is PostgreSQL. */
  boolean postgres() {
    return postgres;
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
    Ambient joined = ambient.get();
    if (joined != null) {
      return joinAmbient(factory, joined, executor, what, onUniqueViolation, work);
    }
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
   * Runs {@code work} in the thread's ambient transaction, without a savepoint: when it fails, the
   * scope is doomed (see the class comment).
   */
  private <T> T joinAmbient(SqlSessionFactory factory, Ambient joined, ExecutorType executor, String what,
                            Function<String, ConflictException> onUniqueViolation, Work<T> work) {
    joined.requireAlive(what);
    try (SqlSession session = factory.openSession(executor, shared(joined.connection))) {
      T result = work.run(session);
      session.flushStatements();
      return result;
    } catch (RuntimeException e) {
      throw joined.doom(translate(what, onUniqueViolation, e));
    }
  }

  /**
   * Runs {@code step}, part of a store method's work on {@code session}, under a savepoint: when it
   * fails with a unique violation, only the step is undone and false is returned, and the work (and an
   * ambient transaction it runs in) may go on. Any other failure is thrown. For the rare failure a store
   * method expects and recovers from itself; other statements need no savepoint.
   */
  boolean recoverable(SqlSession session, Runnable step) {
    Connection connection = session.getConnection();
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw translate("set a savepoint", null, e);
    }
    try {
      step.run();
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (RuntimeException | SQLException e) {
      SQLException sql = sqlCause(e);
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
        throw translate("roll back to a savepoint", null, e);
      }
      if (sql != null && uniqueViolation(sql)) {
        return false;
      }
      throw translate("run a step under a savepoint", null, e);
    }
  }

  /**
   * Runs {@code work} in one transaction that every store method called on this thread joins (see the
   * class comment); commits when it returns. A nested call joins the outer transaction.
   *
   * @throws StorageException when the transaction cannot be opened or committed (then nothing of it
   *     is stored); whatever {@code work} throws, after rolling everything back
   */
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (ambient.get() != null) {
      return work.get();
    }
    SqlSessionFactory factory = sessions();
    Connection connection;
    boolean autoCommit;
    try {
      connection = factory.getConfiguration().getEnvironment().getDataSource().getConnection();
    } catch (SQLException | RuntimeException e) {
      throw translate("open a transaction", null, e);
    }
    try {
      autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw translate("open a transaction", null, e);
    }
    Ambient scope = new Ambient(connection);
    ambient.set(scope);
    try {
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
      if (scope.doomedBy != null) {
        // the work went on after a store method failed: fail-closed, nothing of it is stored
        StorageException doomed = Ambient.like(scope.doomedBy, "storage rolled the transaction back: a store call in"
            + " it failed and the work went on without it (" + scope.doomedBy.getMessage() + "); nothing of it was"
            + " stored");
        try {
          connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
          doomed.addSuppressed(rollbackFailure);
        }
        throw doomed;
      }
      try {
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw translate("commit a transaction", null, e);
      }
      return result;
    } finally {
      ambient.remove();
      try {
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      } catch (SQLException ignored) {
        // the connection is closed (returned to the pool) next, which resets it
      }
      closeQuietly(connection, null);
    }
  }

  /**
   * Runs {@code work} with every {@link #read} of this thread on one connection in auto-commit mode
   * (see {@link TransactionScope#reading}): one borrow, and on H2 one switch to auto-commit, for all
   * the reads of an answer. Writes do not join it. Nested in a scope, it joins that scope.
   */
  @Override
  public <T> T reading(Supplier<T> work) {
    if (ambient.get() != null || reads.get() != null) {
      return work.get();
    }
    SqlSessionFactory factory = sessions();
    Connection connection;
    try {
      connection = factory.getConfiguration().getEnvironment().getDataSource().getConnection();
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true); // reads take no transaction; the pool resets it when it is returned
      }
    } catch (SQLException | RuntimeException e) {
      throw translate("open a connection for reads", null, e);
    }
    reads.set(connection);
    try {
      return work.get();
    } finally {
      reads.remove();
      closeQuietly(connection, null);
    }
  }

  /** Whether this thread is inside {@link #inTransaction}. */
  boolean inAmbientTransaction() {
    return ambient.get() != null;
  }

  private static void closeQuietly(Connection connection, Exception primary) {
    try {
      connection.close();
    } catch (SQLException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  /**
   * {@code connection} as a session of a store method sees it: committing, rolling back, switching
   * auto-commit and closing are the ambient transaction's, so the session's attempts are ignored.
   */
  private static Connection shared(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close", "setAutoCommit":
              return null;
            case "commit":
              return null;
            case "rollback":
              if (args == null || args.length == 0) {
                return null;
              }
              break;
            case "getAutoCommit":
              return false;
            case "isClosed":
              return false;
            case "unwrap":
              if (args[0] == Connection.class) {
                return connection;
              }
              break;
            case "equals":
              return proxy == args[0];
            case "hashCode":
              return System.identityHashCode(proxy);
            default:
              break;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * Runs read-only work with auto-commit on: no BEGIN and no COMMIT round trip. Under READ COMMITTED
   * (the default of PostgreSQL and H2) every statement sees its own snapshot either way, so a
   * transaction would add nothing but a round trip.
   */
  <T> T read(String what, Work<T> work) {
    Ambient joined = ambient.get();
    if (joined == null) {
      Connection reading = reads.get();
      if (reading == null) {
        return run(ExecutorType.SIMPLE, true, what, null, work);
      }
      try (SqlSession session = sessions().openSession(ExecutorType.SIMPLE, shared(reading))) {
        return work.run(session);
      } catch (RuntimeException e) {
        throw translate(what, null, e);
      }
    }
    joined.requireAlive(what);
    try (SqlSession session = sessions().openSession(ExecutorType.SIMPLE, shared(joined.connection))) {
      return work.run(session);
    } catch (RuntimeException e) {
      throw joined.doom(translate(what, null, e));
    }
  }

  private static RuntimeException translate(String what, Function<String, ConflictException> onUniqueViolation,
                                            Exception e) {
    if (e instanceof BmsException b) {
      return b;
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
