package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluateAll()} costs the same number of SQL statements for 10 jobs as for 1,000: counted on
 * the connections, not timed. Every job has a reported restore point with two copies. Counted up
 * to the first published event: listeners (the alert engine) do their own work per event.
 */
class EvaluateAllStatementCountTest {
  @TempDir
  Path dir;

  @Test
  void evaluateAllStatementsDoNotGrowWithTheNumberOfJobs() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Counting counting = new Counting(h2);
    try (BackupManager bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).instanceId("count").build()) {
      // evaluateAll publishes its events after every read; this listener, registered before start()
      // and so before the alert engine's, notes the count when the first event arrives: the
      // statements of the evaluation itself, not of what listeners do with its results
      AtomicLong atFirstEvent = new AtomicLong(-1);
      bms.subscribe(e -> {
        if (e instanceof ComplianceEvaluatedEvent && atFirstEvent.get() < 0) {
          atFirstEvent.set(counting.statements.get());
        }
      });
      bms.start();
      addJobs(bms, 0, 10);
      counting.statements.set(0);
      atFirstEvent.set(-1);
      List<JobCompliance> ten = bms.compliance().evaluateAll();
      long forTen = atFirstEvent.get();

      addJobs(bms, 10, 990);
      counting.statements.set(0);
      atFirstEvent.set(-1);
      List<JobCompliance> thousand = bms.compliance().evaluateAll();
      long forThousand = atFirstEvent.get();

      assertThat(ten).hasSize(10);
      assertThat(thousand).hasSize(1000);
      assertThat(thousand).allSatisfy(c -> assertThat(c.restorePoint()).isPresent());
      assertThat(forThousand).isEqualTo(forTen);
      // jobs, policies, default policy, restore points, their copies, lock proofs, newest verifications
      assertThat(forTen).isPositive().isLessThanOrEqualTo(9);
    }
  }

  private static void addJobs(BackupManager bms, int from, int count) {
    for (int i = from; i < from + count; i++) {
      JobId id = bms.jobs().create(BackupJob.builder("job-" + i)
          .copy(CopySpec.target("lab", LabPlugin.lab("TAPE", "vault", true, false, true, "none")).named("tape"))
          .copy(CopySpec.target("lab", LabPlugin.lab("OBJECT_STORAGE", "eu", true, true, false, "valid")).named("cloud"))
          .build());
      Execution e = bms.executions().begin(id);
      bms.executions().complete(e.id(), List.of(
          CopyResult.succeeded("tape", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)),
          CopyResult.succeeded("cloud", 1, 1, Duration.ofSeconds(1), "ab".repeat(32))));
    }
  }

  /** Counts statements the creating thread prepares or creates on connections of a real DataSource. */
  private static final class Counting implements DataSource {
    final DataSource delegate;
    final AtomicLong statements = new AtomicLong();
    final Thread owner = Thread.currentThread();

    Counting(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return wrap(delegate.getConnection(user, password));
    }

    private Connection wrap(Connection target) {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            // only the test's thread: the scheduler, alert engine and gauges poll storage in the background
            if ((method.getName().startsWith("prepare") || method.getName().equals("createStatement"))
                && Thread.currentThread() == owner) {
              statements.incrementAndGet();
            }
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
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
      return Logger.getLogger("test");
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
}
