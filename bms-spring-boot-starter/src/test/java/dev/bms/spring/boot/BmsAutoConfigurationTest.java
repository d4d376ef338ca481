package dev.bms.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.BmsException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration against the real PostgreSQL and an embedded H2, in application contexts. */
class BmsAutoConfigurationTest {
  static final String SCHEMA = "bms_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  static HikariDataSource postgres;

  @TempDir
  Path tmp;

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BmsAutoConfiguration.class, BmsActuatorAutoConfiguration.class));

  @BeforeAll
  static void connect() {
    postgres = pool();
  }

  /** The application's pool; a context closes the pools it holds as beans, so each context gets its own. */
  static HikariDataSource pool() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(4);
    return pool;
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    postgres.close();
  }

  @Test
  void withoutDataSourceRunsOnAnEmbeddedH2AndBacksUp() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "hello");
    Path target = Files.createDirectories(tmp.resolve("target"));
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(BackupManager.class);
          context.getBean(BmsLifecycle.class).start();
          BackupManager bms = context.getBean(BackupManager.class);
          JobId id = bms.jobs().create(BackupJob.builder("boot-files")
              .source("directory", Map.of("path", source.toString()))
              .schedule(Schedule.manual())
              .copy(CopySpec.target("filesystem", Map.of("root", target.toString(), "initialize", "true")).named("local"))
              .build());
          Execution run = bms.executions().runNow(id);
          assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
          // the application's MeterRegistry received bms's meters
          assertThat(context.getBean(MeterRegistry.class).find("bms.executions").counter()).isNotNull();
          assertThat(tmp.resolve("db")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("bms"));
        });
  }

  @Test
  void withTheApplicationsPostgresDataSourceUsesTheConfiguredSchema() {
    runner.withBean(DataSource.class, BmsAutoConfigurationTest::pool)
        .withPropertyValues("bms.storage.schema=" + SCHEMA, "bms.scheduler.max-concurrent-executions=2",
            "bms.instance-id=boot-test")
        .run(context -> {
          assertThat(context).hasNotFailed();
          context.getBean(BmsLifecycle.class).start();
          context.getBean(BackupManager.class).jobs().create(BackupJob.builder("in-schema")
              .source("directory", Map.of("path", tmp.toString())).schedule(Schedule.manual())
              .copy(CopySpec.target("filesystem", Map.of("root", tmp.toString(), "initialize", "true"))).build());
          try (Connection c = postgres.getConnection(); Statement s = c.createStatement();
               ResultSet r = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".bms_job WHERE name = 'in-schema'")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(1);
          }
        });
  }

  @Test
  void theApplicationsOwnManagerWins() {
    BackupManager own = dev.bms.core.Bms.builder()
        .storage(dev.bms.storage.jdbc.JdbcStorage.embedded(tmp.resolve("own"))).build();
    runner.withBean(BackupManager.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(BackupManager.class);
      assertThat(context.getBean(BackupManager.class)).isSameAs(own);
    });
    own.close();
  }

  @Test
  void disabledCreatesNothing() {
    runner.withPropertyValues("bms.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(BackupManager.class);
      assertThat(context).doesNotHaveBean(BmsHealthIndicator.class);
    });
  }

  @Test
  void aBadPropertyFailsStartupNamingTheOption() {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.scheduler.max-concurrent-executions=0").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BmsException.class)
              .hasMessageContaining("maxConcurrentExecutions");
        });
  }

  /** Each timing option reaches the builder: a value the builder refuses fails startup naming it. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "copy-stall-timeout, 0s, copyStallTimeout",
      "reported-heartbeat-timeout, 0s, reportedHeartbeatTimeout",
      "rpo-check-interval, 0s, rpoCheckInterval"})
  void timingPropertiesReachTheBuilder(String property, String value, String option) {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.scheduler." + property + "=" + value).run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BmsException.class)
              .hasMessageContaining(option);
        });
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.scheduler." + property + "=90s").run(context -> assertThat(context).hasNotFailed());
  }

  /** The audit options reach the builder: a retention without an export directory fails naming it. */
  @Test
  void auditPropertiesReachTheBuilder() {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.audit.anchor-interval=0s").run(context -> assertThat(context.getStartupFailure()).rootCause()
            .isInstanceOf(BmsException.class).hasMessageContaining("auditAnchorInterval"));
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.audit.retention=400d").run(context -> assertThat(context.getStartupFailure()).rootCause()
            .isInstanceOf(BmsException.class).hasMessageContaining("auditRetention.exportDirectory"));
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.audit.anchor-interval=15m", "bms.audit.retention=400d",
        "bms.audit.export-directory=" + tmp.resolve("audit-exports")).run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void healthIsUpWhileStartedAndDownAfterShutdown() {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db")).run(context -> {
      BmsLifecycle lifecycle = context.getBean(BmsLifecycle.class);
      BmsHealthIndicator health = context.getBean(BmsHealthIndicator.class);
      assertThat(lifecycle.isRunning()).as("started with the context").isTrue();
      Health up = health.health(true);
      assertThat(up.getStatus()).as(up.toString()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsKeys("storage", "cache", "scheduler");
      assertThat(up.getDetails().get("storage").toString()).startsWith("UP since");
      lifecycle.stop();
      assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
      // closed with the lifecycle: the manager refuses further calls
      assertThatThrownBy(() -> context.getBean(BackupManager.class).jobs().list(
          dev.bms.api.model.JobFilter.all(), dev.bms.api.model.PageRequest.first(1))).isInstanceOf(RuntimeException.class);
    });
  }

  @Test
  void contextCloseClosesTheManager() {
    BackupManager[] seen = new BackupManager[1];
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db")).run(context -> {
      context.getBean(BmsLifecycle.class).start();
      seen[0] = context.getBean(BackupManager.class);
    });
    assertThatThrownBy(() -> seen[0].jobs().list(dev.bms.api.model.JobFilter.all(),
        dev.bms.api.model.PageRequest.first(1))).isInstanceOf(RuntimeException.class);
  }

  @Test
  void fourEyesPropertiesHoldAGuardedDeleteForApproval() {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db4"), "bms.four-eyes.enabled=true",
        "bms.four-eyes.guarded=DELETE_JOB,SHORTEN_RETENTION", "bms.four-eyes.expiry=8h").run(context -> {
          assertThat(context).hasNotFailed();
          context.getBean(BmsLifecycle.class).start();
          BackupManager bms = context.getBean(BackupManager.class);
          JobId id = bms.jobs().create(BackupJob.builder("guarded").schedule(Schedule.manual())
              .copy(CopySpec.target("filesystem", Map.of("root", tmp.toString(), "initialize", "true"))).build());
          dev.bms.api.Actor alice = dev.bms.api.Actor.person("alice", "Alice", "admin");
          assertThatThrownBy(() -> bms.as(alice).jobs().delete(id))
              .isInstanceOfSatisfying(dev.bms.api.ApprovalRequiredException.class, e -> {
                var request = bms.approvals().get(e.requestId()).orElseThrow();
                assertThat(java.time.Duration.between(request.createdAt(), request.expiresAt()))
                    .isEqualTo(java.time.Duration.ofHours(8));
              });
          assertThat(bms.jobs().get(id)).isPresent();
        });
  }

  @Test
  void aBadJobTagsSettingFailsStartupNamingIt() {
    runner.withPropertyValues("bms.storage.embedded-directory=" + tmp.resolve("db"),
        "bms.metrics.job-tags=everything").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BmsException.class)
              .hasMessageContaining("jobMetricTags").hasMessageContaining("everything");
        });
  }

  @Test
  void propertiesHaveIdeMetadata() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"bms.scheduler.max-concurrent-executions\"", "\"bms.storage.schema\"",
          "\"bms.cache.redis.address\"", "Executions this instance runs at once.", "\"bms.metrics.job-tags\"");
    }
  }
}
