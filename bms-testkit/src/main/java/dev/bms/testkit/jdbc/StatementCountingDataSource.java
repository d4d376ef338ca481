package dev.bms.testkit.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a real {@link DataSource} and counts the statements prepared or created on its connections,
 * so a test can assert that a listing costs a fixed number of queries whatever the number of rows:
 *
 * <pre>{@code
 * StatementCountingDataSource counting = StatementCountingDataSource.onThread(dataSource, Thread.currentThread());
 * Storage storage = JdbcStorage.builder().dataSource(counting).build();
 * ...
 * counting.reset();
 * storage.jobs().overview(JobFilter.all(), PageRequest.first(1000));
 * assertThat(counting.statements()).isEqualTo(1);
 * }</pre>
 *
 * <p>{@link #onThread} counts only what one thread prepares, so background work (a scheduler, an
 * alert engine, gauges polling storage) does not disturb the count.
 */
public final class StatementCountingDataSource implements DataSource {
  private static final Set<String> WRITE_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
  private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

  private final DataSource delegate;
  private final Optional<Thread> onlyThread;
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  /** The SQL of the counted writes, at most {@link #KEPT} of them. */
  private final java.util.Queue<String> writeSql = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final int KEPT = 100_000;

  private StatementCountingDataSource(DataSource delegate, Optional<Thread> onlyThread) {
    this.delegate = delegate;
    this.onlyThread = onlyThread;
  }

  /** Counts the statements of every thread. */
  public static StatementCountingDataSource of(DataSource delegate) {
    return new StatementCountingDataSource(delegate, Optional.empty());
  }

  /** Counts only the statements {@code thread} prepares or creates. */
  public static StatementCountingDataSource onThread(DataSource delegate, Thread thread) {
    return new StatementCountingDataSource(delegate, Optional.of(thread));
  }

  /** Statements since creation or the last {@link #reset()}. */
  public long statements() {
    return statements.get();
  }

  /**
   * Of {@link #statements()}, those prepared with SQL that writes ({@code INSERT}, {@code UPDATE},
   * {@code DELETE}, {@code MERGE}), so a test can assert that a read writes nothing.
   */
  public long writes() {
    return writes.get();
  }

  /**
   * Of {@link #writes()}, those whose SQL contains {@code fragment} (case-insensitive), such as a
   * table name: {@code writesMentioning("bms_alert")} counts writes of every alert table. Counts
   * among the first 100,000 writes since the last {@link #reset()}.
   */
  public long writesMentioning(String fragment) {
    String f = fragment.toLowerCase(java.util.Locale.ROOT);
    return writeSql.stream().filter(sql -> sql.toLowerCase(java.util.Locale.ROOT).contains(f)).count();
  }

  /** Starts counting from zero. */
  public void reset() {
    statements.set(0);
    writes.set(0);
    writeSql.clear();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counting(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return counting(delegate.getConnection(username, password));
  }

  private Connection counting(Connection target) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (STATEMENT_METHODS.contains(method.getName())
              && onlyThread.map(t -> t == Thread.currentThread()).orElse(true)) {
            statements.incrementAndGet();
            if (args != null && args.length > 0 && args[0] instanceof String sql && writes(sql)) {
              if (writes.incrementAndGet() <= KEPT) {
                writeSql.add(sql);
              }
            }
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean writes(String sql) {
    String head = sql.stripLeading();
    int end = 0;
    while (end < head.length() && Character.isLetter(head.charAt(end))) {
      end++;
    }
    return WRITE_VERBS.contains(head.substring(0, end).toUpperCase(java.util.Locale.ROOT));
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
  public Logger getParentLogger() {
    return Logger.getLogger("dev.bms.testkit.jdbc");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
