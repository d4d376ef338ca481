package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.testkit.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress of a running managed execution (bytes and files so far, from memory), and
 * retention applied after a run-now as after a scheduled run (issue 18).
 */
class RunNowProgressAndRetentionTest {
  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T00:00:00Z"));
  BackupManager bms;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    bms = Managers.h2(dir, clock).build();
    bms.start();
  }

  @AfterEach
  void stop() {
    EngineTestPlugin.gate("progress").open();
    bms.close();
  }

  @Test
  void aRunningExecutionShowsTheBytesAndFilesReadSoFar() throws Exception {
    JobId id = bms.jobs().create(BackupJob.builder("progress").source("mem",
            Map.of("behavior", "SECOND_FILE_GATED", "gate", "progress", "bytes", "4096"))
        .copy(CopySpec.target("mem", Map.of("store", "nas"))).build());
    Execution submitted = bms.executions().submit(id);
    assertThat(EngineTestPlugin.gate("progress").awaitReached(10)).isTrue();

    // the first file is done, the second half-way: 4096 + 2048 bytes, 1 file
    Execution running = bms.executions().get(submitted.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.progressBytes()).isEqualTo(4096 + 2048);
    assertThat(running.files()).isEqualTo(1);

    EngineTestPlugin.gate("progress").open();
    await().until(() -> bms.executions().get(submitted.id()).orElseThrow().status().isTerminal());
    Execution done = bms.executions().get(submitted.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.files()).isEqualTo(2);
    assertThat(done.bytes()).isEqualTo(8192);
  }

  @Test
  void runNowAppliesTheJobsRetentionAfterASuccessfulRun() {
    JobId id = bms.jobs().create(BackupJob.builder("keep-one").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "nas")).named("nas"))
        .retention(RetentionPolicy.keepLast(1)).build());
    Execution first = bms.executions().runNow(id);
    clock.advance(Duration.ofDays(1));
    Execution second = bms.executions().runNow(id);
    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // no retention().apply call: the run itself expired the older restore point
    List<RetentionDeletion> deleted = bms.retention().deletions(id, 10);
    assertThat(deleted).singleElement().satisfies(d -> {
      assertThat(d.executionId()).isEqualTo(first.id());
      assertThat(d.outcome()).isEqualTo(RetentionDeletion.Outcome.DELETED);
    });
    assertThat(EngineTestPlugin.COPIES).hasSize(1);
    assertThat(bms.executions().list(ExecutionFilter.forJob(id), PageRequest.first(10)).items()).hasSize(2);
  }
}
