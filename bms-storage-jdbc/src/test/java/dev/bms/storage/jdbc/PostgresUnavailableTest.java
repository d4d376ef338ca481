package dev.bms.storage.jdbc;

import static dev.bms.testkit.storage.StorageFixtures.fullJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.StorageException;
import dev.bms.api.StorageUnavailableException;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.testkit.jdbc.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.5: while the database cannot be reached, calls fail within the connection timeout with
 * {@link StorageUnavailableException} (not after the pool's 30 s default, not as a plain
 * StorageException), and work again once it is back. The database "goes down" behind a TCP proxy,
 * so the shared PostgreSQL is never touched.
 */
class PostgresUnavailableTest {
  /** A generous ceiling, far below the 30 s the calls used to block: this checks fail-fast, not speed. */
  private static final Duration CEILING = Duration.ofSeconds(15);

  /** A storage on {@code schema} of the shared PostgreSQL, reached through {@code proxy}: two connections, 1 s to get one. */
  private static JdbcStorage behind(TcpProxy proxy, String schema) {
    return JdbcStorage.builder()
        .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
        .schema(schema)
        .poolSize(2)
        .connectionTimeout(Duration.ofSeconds(1))
        .build();
  }

  /** A test's steps, given the proxy, a started storage behind it and one job already stored. */
  private interface Outage {
    void run(TcpProxy proxy, JdbcStorage storage, Job stored);
  }

  /** Runs {@code test} on a storage of a schema of its own behind a proxy, with a job named {@code name} stored. */
  private static void withStoredJob(String name, Outage test) {
    String schema = PostgresSupport.randomSchema();
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
         JdbcStorage storage = behind(proxy, schema)) {
      storage.start();
      Job job = newJob(fullJob(name));
      storage.jobs().insert(job);
      test.run(proxy, storage, job);
    } finally {
      PostgresSupport.dropSchema(schema);
    }
  }

  @Test
  void callsFailFastWithATypedExceptionWhileTheDatabaseIsDownAndRecover() {
    withStoredJob("outage", (proxy, storage, job) -> {
      proxy.cut();
      assertTimeoutPreemptively(CEILING, () -> {
        assertThatThrownBy(() -> storage.jobs().find(job.id()))
            .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> storage.jobs().insert(newJob(fullJob("during-outage"))))
            .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(storage::now).isInstanceOf(StorageUnavailableException.class);
      });

      proxy.restore();
      assertThat(storage.jobs().find(job.id())).contains(job);
      assertThat(storage.jobs().count(JobFilter.all())).isEqualTo(1);
    });
  }

  /**
   * A scope whose store call failed because the database went away stays "unavailable" to its caller,
   * even when the work swallowed that failure and went on: the fault suite saw a plain
   * StorageException there during a PostgreSQL restart, which callers do not retry.
   */
  @Test
  void aScopeDoomedByAnUnreachableDatabaseFailsAsUnavailable() {
    withStoredJob("doomed-by-outage", (proxy, storage, job) -> {
      Job written = newJob(fullJob("written-before-the-outage"));

      assertTimeoutPreemptively(CEILING, () -> {
        assertThatThrownBy(() -> storage.transactions().orElseThrow().inTransaction(() -> {
          storage.jobs().insert(written); // the scope's connection is taken and has written
          proxy.cut();
          try {
            storage.jobs().find(job.id());
          } catch (StorageException swallowed) {
            // a caller that reads optionally and goes on
          }
          assertThatThrownBy(() -> storage.jobs().count(JobFilter.all()))
              .as("a later store call of the doomed scope").isInstanceOf(StorageUnavailableException.class);
          return null;
        })).isInstanceOf(StorageUnavailableException.class).hasMessageContaining("nothing of it was stored");
      });

      proxy.restore();
      assertThat(findAfterOutage(storage, job)).contains(job);
      assertThat(findAfterOutage(storage, written)).as("the doomed scope's write").isEmpty();
    });
  }

  /** Reads {@code job} once the database is back: a pooled connection cut by the outage fails once, then leaves the pool. */
  private static java.util.Optional<Job> findAfterOutage(JdbcStorage storage, Job job) {
    for (int attempt = 1; ; attempt++) {
      try {
        return storage.jobs().find(job.id());
      } catch (StorageUnavailableException stale) {
        if (attempt == 3) {
          throw stale;
        }
      }
    }
  }

  @Test
  void startFailsFastWithATypedExceptionWhenTheDatabaseIsDown() {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
      proxy.cut();
      JdbcStorage storage = JdbcStorage.builder()
          .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
          .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
          .connectionTimeout(Duration.ofMillis(500))
          .build();
      assertTimeoutPreemptively(CEILING, () ->
          assertThatThrownBy(storage::start).isInstanceOf(StorageUnavailableException.class)
              .hasMessageContaining("cannot start storage"));
    }
  }

  @Test
  void aFailedStatementIsAPlainStorageExceptionNotUnavailability() {
    assertThat(ConnectionFailures.isUnreachable(new java.sql.SQLException("syntax error", "42601"))).isFalse();
    assertThat(ConnectionFailures.isUnreachable(new java.sql.SQLException("refused", "08001"))).isTrue();
    assertThat(ConnectionFailures.isUnreachable(new java.sql.SQLTransientConnectionException("pool timeout"))).isTrue();
    assertThat(new StorageUnavailableException("x", null)).isInstanceOf(StorageException.class);
  }

  @Test
  void theConnectionTimeoutIsBounded() {
    assertThatThrownBy(() -> JdbcStorage.builder().connectionTimeout(Duration.ofMillis(10)))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("connectionTimeout").hasMessageContaining("PT0.01S");
    assertThatThrownBy(() -> JdbcStorage.builder().connectionTimeout(Duration.ofHours(1)))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("connectionTimeout");
  }
}
