package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance in another JVM is killed (SIGKILL) while it runs an execution; an instance here marks
 * the execution ABANDONED once its lease expires, retries it, and everything recorded before the
 * kill is still there.
 */
class AbruptStopTest {
  private static final String SCHEMA = Managers.randomSchema();

  @TempDir
  Path dir;

  @AfterAll
  static void dropSchema() {
    Managers.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  @Test
  void killedInstanceExecutionIsAbandonedAndRetriedWithoutLosingWhatWasRecorded() throws Exception {
    EngineTestPlugin.reset();
    BackupManager admin = Managers.postgres(SCHEMA, "admin", Clock.systemUTC()).scheduler(false).build();
    admin.start();
    Process child = null;
    BackupManager survivor = null;
    try {
      JobId id = admin.jobs().create(BackupJob.builder("crash-me")
          .source("mem", Map.of("behavior", "BLOCK_IN_CHILD", "bytes", "4096"))
          .copy(CopySpec.target("mem", Map.of("store", "crash")))
          .retry(RetryPolicy.exponential(3, Duration.ZERO, Duration.ZERO))
          .build());
      Execution before = admin.executions().runNow(id);
      assertThat(before.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      Execution queued = admin.executions().submit(id);

      Path log = dir.resolve("child.log");
      child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), CrashingInstance.class.getName(), SCHEMA)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Process running = child;
      await().atMost(Duration.ofSeconds(60)).alias("child runs the execution; its log: " + log).until(() -> {
        assertThat(running.isAlive()).as("child died early: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
        Execution e = Managers.get(admin, queued.id());
        return e.status() == ExecutionStatus.RUNNING && e.owner().equals(java.util.Optional.of("child"))
            && e.progressBytes() > 0;
      });
      child.destroyForcibly().waitFor();
      Execution atKill = Managers.get(admin, queued.id());

      survivor = Managers.postgres(SCHEMA, "survivor", Clock.systemUTC()).build();
      survivor.start();
      BackupManager s = survivor;
      await().atMost(Duration.ofSeconds(30)).until(() -> Managers.get(s, queued.id()).status() == ExecutionStatus.ABANDONED);
      await().atMost(Duration.ofSeconds(30)).until(() -> Managers.executions(s, id).stream()
          .anyMatch(e -> e.trigger() == ExecutionTrigger.RETRY && e.status() == ExecutionStatus.SUCCEEDED));

      Execution abandoned = Managers.get(s, queued.id());
      assertThat(abandoned.owner()).contains("child");
      assertThat(abandoned.progressBytes()).isEqualTo(atKill.progressBytes()).isPositive();
      assertThat(abandoned.startedAt()).isEqualTo(atKill.startedAt());
      assertThat(abandoned.heartbeatAt()).isEqualTo(atKill.heartbeatAt());
      assertThat(abandoned.version()).isEqualTo(atKill.version() + 1);
      assertThat(abandoned.error().orElseThrow()).contains("lease of owner 'child' expired");

      Execution retry = Managers.executions(s, id).stream().filter(e -> e.trigger() == ExecutionTrigger.RETRY)
          .findFirst().orElseThrow();
      assertThat(retry.attempt()).isEqualTo(2);
      assertThat(retry.owner()).contains("survivor");
      // what was recorded before the kill is intact: the earlier restore point with its copies and manifest
      Execution earlier = Managers.get(s, before.id());
      assertThat(earlier).usingRecursiveComparison().ignoringFields("heartbeatAt").isEqualTo(before);
      assertThat(List.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.ABANDONED, ExecutionStatus.SUCCEEDED))
          .containsExactlyInAnyOrderElementsOf(Managers.executions(s, id).stream().map(Execution::status).toList());
    } finally {
      if (child != null && child.isAlive()) {
        child.destroyForcibly();
      }
      if (survivor != null) {
        survivor.close();
      }
      admin.close();
    }
  }
}
