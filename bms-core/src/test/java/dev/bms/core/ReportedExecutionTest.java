package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportedExecutionTest {
  @TempDir
  Path dir;
  BackupManager bms;
  JobId job;

  @BeforeEach
  void start() {
    bms = TestBms.started(dir, new SimpleMeterRegistry());
    job = bms.jobs().create(BackupJob.builder("pg_dump nightly")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("dumps"))).named("local"))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("offsite"))).named("offsite").asOffsite())
        .build());
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  @Test
  void beginHeartbeatComplete() {
    ReportedRun begun = bms.executions().begin(job);
    assertThat(begun.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(begun.execution().mode()).isEqualTo(ExecutionMode.REPORTED);

    Execution beating = bms.executions().heartbeat(begun.id(), begun.token(), 4096);
    assertThat(beating.progressBytes()).isEqualTo(4096);
    assertThat(bms.executions().get(begun.id()).orElseThrow().progressBytes()).isEqualTo(4096);

    Execution done = bms.executions().complete(begun.id(), begun.token(), List.of(
        CopyResult.succeeded("local", 10_000, 1, Duration.ofSeconds(3), "ab".repeat(32)),
        CopyResult.succeeded("offsite", 10_000, 1, Duration.ofSeconds(9), "ab".repeat(32))));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.bytes()).isEqualTo(10_000);
    assertThat(done.copies()).extracting(CopyResult::targetType).containsOnly("filesystem");
    assertThat(bms.executions().get(begun.id())).contains(done);
  }

  @Test
  void unreportedCopiesAreFailedAndMakeItPartial() {
    ReportedRun begun = bms.executions().begin(job);
    Execution done = bms.executions().complete(begun.id(), begun.token(), List.of(
        CopyResult.succeeded("local", 10, 1, Duration.ofSeconds(1), "cd".repeat(32))));
    assertThat(done.status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(done.copy("offsite").orElseThrow().status()).isEqualTo(CopyStatus.FAILED);
    assertThat(done.copy("offsite").orElseThrow().error()).contains("not reported");
  }

  @Test
  void unknownOrRepeatedCopyNamesAreRejectedAndNothingIsWritten() {
    ReportedRun begun = bms.executions().begin(job);
    assertThatThrownBy(() -> bms.executions().complete(begun.id(), begun.token(), List.of(
        CopyResult.succeeded("tape", 10, 1, Duration.ZERO, "ef".repeat(32)))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'tape'");
    assertThatThrownBy(() -> bms.executions().complete(begun.id(), begun.token(), List.of(
        CopyResult.failed("local", "x"), CopyResult.failed("local", "y"))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("reported twice");
    assertThat(bms.executions().get(begun.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void failRecordsTheReasonAndFinishedExecutionsRefuseMore() {
    ReportedRun begun = bms.executions().begin(job);
    Execution failed = bms.executions().fail(begun.id(), begun.token(), "pg_dump: connection refused");
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).contains("pg_dump: connection refused");

    assertThatThrownBy(() -> bms.executions().complete(begun.id(), begun.token(), List.of()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already finished");
    assertThatThrownBy(() -> bms.executions().heartbeat(begun.id(), begun.token(), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> bms.executions().fail(new ExecutionId(UUID.randomUUID()), begun.token(), "x"))
        .isInstanceOf(NotFoundException.class);
  }
}
