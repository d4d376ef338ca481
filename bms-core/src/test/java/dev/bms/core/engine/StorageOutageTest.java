package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for a moment (a proxy in front of it is cut) while runs are in flight: a
 * finished backup is still recorded SUCCEEDED, a run whose heartbeats fail goes on, and the
 * scheduler resumes by itself. Outcomes are read straight from the database, not through bms.
 */
class StorageOutageTest {
  private static final String SCHEMA = Managers.randomSchema();

  CuttableProxy proxy;
  HikariDataSource pool;
  BackupManager bms;

  @BeforeEach
  void start() throws Exception {
    EngineTestPlugin.reset();
    proxy = new CuttableProxy(5432);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test");
    config.setUsername(Managers.PG_USER);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(1000);
    config.setValidationTimeout(500);
    pool = new HikariDataSource(config);
    bms = Bms.builder().clock(Clock.systemUTC()).plugin(new EngineTestPlugin()).discoverPlugins(false)
        .instanceId("outage").pollInterval(Duration.ofMillis(50)).heartbeatInterval(Duration.ofMillis(200))
        .leaseTimeout(Duration.ofSeconds(30)).warmCacheOnStart(false)
        .storage(JdbcStorage.builder().dataSource(pool).schema(SCHEMA).build()).build();
    bms.start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.restore();
    bms.close();
    pool.close();
    proxy.close();
  }

  @AfterAll
  static void dropSchema() {
    Managers.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  private static String status(Execution e) {
    return statusOf(e.id().toString());
  }

  private static String statusOf(String id) {
    try (var c = java.sql.DriverManager.getConnection(Managers.PG_URL, Managers.PG_USER, "");
         var s = c.prepareStatement("SELECT status FROM " + SCHEMA + ".bms_execution WHERE id = ?::uuid")) {
      s.setString(1, id);
      try (var rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "none";
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long executionsOf(JobId job) {
    return Managers.count("SELECT COUNT(*) FROM " + SCHEMA + ".bms_execution WHERE job_id = '" + job + "'");
  }

  @Test
  void finishedBackupIsRecordedSucceededAfterTheDatabaseComesBack() throws Exception {
    JobId id = bms.jobs().create(BackupJob.builder("blip-at-the-end")
        .source("mem", Map.of("behavior", "GATED_AT_END", "gate", "end"))
        .copy(CopySpec.target("mem", Map.of("store", "end"))).retry(RetryPolicy.exponential(3, Duration.ZERO, Duration.ZERO))
        .build());
    Execution run = bms.executions().submit(id);
    assertThat(EngineTestPlugin.gate("end").awaitReached(30)).isTrue();

    proxy.cut();
    EngineTestPlugin.gate("end").open();
    // the copy commits on its target; the final write then finds the database gone
    await().atMost(Duration.ofSeconds(20)).until(() -> EngineTestPlugin.COMMITS.containsKey(run.id().toString())
        && proxy.refused() > 0);
    assertThat(status(run)).isEqualTo("RUNNING");
    proxy.restore();

    await().atMost(Duration.ofSeconds(30)).until(() -> status(run).equals("SUCCEEDED"));
    assertThat(executionsOf(id)).as("no retry of a backup that succeeded").isEqualTo(1);
    assertThat(EngineTestPlugin.COMMITS.get(run.id().toString()).get()).isEqualTo(1);
  }

  @Test
  void runWhoseHeartbeatsFailGoesOn() throws Exception {
    JobId id = bms.jobs().create(BackupJob.builder("blip-mid-copy")
        .source("mem", Map.of("behavior", "SLOW", "bytes", String.valueOf(400 * 1024)))
        .copy(CopySpec.target("mem", Map.of("store", "mid"))).build());
    Execution run = bms.executions().submit(id);
    await().atMost(Duration.ofSeconds(20)).until(() -> status(run).equals("RUNNING"));

    proxy.cut();
    // heartbeats fail for a while (the run writes 1 KiB every 5 ms all along)
    await().atMost(Duration.ofSeconds(20)).until(() -> proxy.refused() >= 3);
    proxy.restore();

    await().atMost(Duration.ofSeconds(60)).until(() -> status(run).equals("SUCCEEDED"));
  }
}
