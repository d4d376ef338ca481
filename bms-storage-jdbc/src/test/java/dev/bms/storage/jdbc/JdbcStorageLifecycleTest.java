package dev.bms.storage.jdbc;

import static dev.bms.testkit.storage.StorageFixtures.fullJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStorageLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void storesAreUnusableBeforeStartAndAfterClose() {
    JdbcStorage storage = JdbcStorage.embedded(dir);
    assertThatThrownBy(() -> storage.jobs().count(JobFilter.all()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");

    storage.start();
    storage.close();
    storage.close();

    assertThatThrownBy(() -> storage.jobs().count(JobFilter.all()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(storage::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void embeddedDataSurvivesARestartAndMigrationsRunOnce() {
    Job job = newJob(fullJob("durable"));
    try (JdbcStorage first = JdbcStorage.embedded(dir)) {
      first.start();
      first.jobs().insert(job);
    }
    try (JdbcStorage second = JdbcStorage.embedded(dir)) {
      second.start();
      assertThat(second.jobs().find(job.id())).contains(job);
    }
  }

  @Test
  void embeddedCanUseItsOwnSchema() {
    Job job = newJob(fullJob("in-schema"));
    try (JdbcStorage storage = JdbcStorage.builder().embedded(dir).schema("bms_app").build()) {
      storage.start();
      storage.jobs().insert(job);
      assertThat(storage.jobs().find(job.id())).contains(job);
      assertThat(storage.describe()).contains("schema bms_app");
    }
  }

  @Test
  void anApplicationPoolIsUsedInItsSchemaAndNeverClosed() throws Exception {
    String schema = PostgresSupport.randomSchema();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresSupport.URL);
    config.setUsername(PostgresSupport.USER);
    config.setPassword(PostgresSupport.PASSWORD);
    config.setMaximumPoolSize(2);
    try (HikariDataSource app = new HikariDataSource(config)) {
      Job job = newJob(fullJob("app-pool"));
      try (JdbcStorage storage = JdbcStorage.builder().dataSource(app).schema(schema).build()) {
        storage.start();
        storage.jobs().insert(job);
        assertThat(storage.jobs().find(job.id())).contains(job);
      }
      assertThat(app.isClosed()).isFalse();
      try (Connection c = app.getConnection(); Statement s = c.createStatement();
           ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".bms_job")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
    } finally {
      PostgresSupport.dropSchema(schema);
    }
  }

  @Test
  void builderChecksEachOption() {
    assertThatThrownBy(() -> JdbcStorage.builder().schema("x;drop"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("schema").hasMessageContaining("x;drop");
    assertThatThrownBy(() -> JdbcStorage.builder().poolSize(0))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> JdbcStorage.builder().url("jdbc:oracle:thin:@x"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("jdbc:oracle");
    assertThatThrownBy(() -> JdbcStorage.builder().build())
        .isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> JdbcStorage.builder().embedded(dir).dataSource(new org.h2.jdbcx.JdbcDataSource()).build())
        .isInstanceOf(InvalidConfigException.class);
  }
}
