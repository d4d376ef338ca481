package dev.bms.storage.jdbc;

import static dev.bms.testkit.storage.StorageFixtures.fullJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.ConflictException;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.PageRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.1 on the real PostgreSQL: a pooled connection keeps bms's schema whatever its first
 * transaction does, and no connection waits in the pool inside a transaction (where {@code now()}
 * would be the stale start of that transaction).
 */
class PostgresConnectionHygieneTest {
  private final String schema = PostgresSupport.randomSchema();
  private final String application = "bms-hygiene-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JdbcStorage> storages = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    storages.forEach(JdbcStorage::close);
    PostgresSupport.dropSchema(schema);
  }

  @Test
  void aFailedFirstTransactionOnAFreshConnectionDoesNotLoseTheSchema() {
    Job taken = newJob(fullJob("taken"));
    start(schema, 1).jobs().insert(taken);

    JdbcStorage fresh = start(schema, 1);   // one connection, its first transaction fails
    assertThatThrownBy(() -> fresh.jobs().insert(newJob(fullJob("taken")))).isInstanceOf(ConflictException.class);

    assertThat(fresh.jobs().findByName("taken")).contains(taken);
    assertThat(fresh.jobs().count(JobFilter.all())).isEqualTo(1);
    fresh.jobs().insert(newJob(fullJob("second")));
    assertThat(countIn(schema)).isEqualTo(2);
  }

  @Test
  void noConnectionIsLeftIdleInTransaction() throws Exception {
    JdbcStorage storage = start(schema, 3);
    Job job = newJob(fullJob("idle"));
    storage.jobs().insert(job);
    assertThatThrownBy(() -> storage.jobs().insert(newJob(fullJob("idle")))).isInstanceOf(ConflictException.class);
    storage.jobs().find(job.id());
    storage.jobs().list(JobFilter.all(), PageRequest.first(10));
    storage.executions().jobsByLatestStatus();
    storage.now();

    try (Connection c = DriverManager.getConnection(PostgresSupport.URL, PostgresSupport.USER, PostgresSupport.PASSWORD);
         PreparedStatement s = c.prepareStatement(
             "SELECT count(*) FILTER (WHERE state LIKE 'idle in transaction%'), count(*)"
                 + " FROM pg_stat_activity WHERE application_name = ?")) {
      s.setString(1, application);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getInt(2)).as("bms connections of this test").isPositive();
        assertThat(r.getInt(1)).as("of them idle in transaction").isZero();
      }
    }
  }

  private JdbcStorage start(String schema, int poolSize) {
    JdbcStorage storage = JdbcStorage.builder()
        .url(PostgresSupport.URL + "?ApplicationName=" + application)
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
        .schema(schema)
        .poolSize(poolSize)
        .build();
    storage.start();
    storages.add(storage);
    return storage;
  }

  private static long countIn(String schema) {
    try (Connection c = DriverManager.getConnection(PostgresSupport.URL, PostgresSupport.USER, PostgresSupport.PASSWORD);
         ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + schema + ".bms_job")) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
