package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.ExecutionService;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code executions().record(...)} (reported backups in bulk) and {@code latestByJobs(...)}. */
class BulkExecutionTest {
  private static final Instant T = Instant.parse("2026-03-01T02:00:00.123456789Z");

  @TempDir
  Path dir;
  SimpleMeterRegistry registry;
  BackupManager bms;
  JobId job;
  JobId other;

  @BeforeEach
  void start() {
    registry = new SimpleMeterRegistry();
    bms = TestBms.started(dir, registry);
    job = bms.jobs().create(BackupJob.builder("vendor appliance")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("local"))).named("local"))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("offsite"))).named("offsite").asOffsite())
        .build());
    other = bms.jobs().create(BackupJob.builder("pg_dump")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("dumps"))).named("dumps"))
        .build());
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private static CopyResult ok(String name) {
    return CopyResult.succeeded(name, 5_000, 3, Duration.ofSeconds(4), "ab".repeat(32));
  }

  @Test
  void recordsFinishedReportedExecutionsWithTheToolsTimes() {
    List<BmsEvent> events = Collections.synchronizedList(new ArrayList<>());
    bms.subscribe(events::add);

    List<Execution> recorded = bms.executions().record(List.of(
        new ReportedExecution(job, T, T.plusSeconds(60), List.of(ok("local"), ok("offsite"))),
        new ReportedExecution(job, T.plusSeconds(3600), T.plusSeconds(3700), List.of(ok("local"))),
        new ReportedExecution(other, T, T.plusSeconds(5),
            List.of(CopyResult.failed("dumps", "disk full")))));

    assertThat(recorded).extracting(Execution::status)
        .containsExactly(ExecutionStatus.SUCCEEDED, ExecutionStatus.PARTIAL, ExecutionStatus.FAILED);
    Execution first = recorded.get(0);
    assertThat(first.mode()).isEqualTo(ExecutionMode.REPORTED);
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00.123456Z"));
    assertThat(first.startedAt()).contains(first.createdAt());
    assertThat(first.finishedAt()).contains(Instant.parse("2026-03-01T02:01:00.123456Z"));
    assertThat(first.bytes()).isEqualTo(5_000);
    assertThat(first.copies()).extracting(CopyResult::targetType).containsOnly("filesystem");
    assertThat(recorded.get(1).copy("offsite").orElseThrow().status()).isEqualTo(CopyStatus.FAILED);
    assertThat(recorded.get(1).error()).contains("1 of 2 copies failed");
    for (Execution e : recorded) {
      assertThat(bms.executions().get(e.id())).contains(e);
    }
    assertThat(events).filteredOn(ExecutionFinishedEvent.class::isInstance).hasSize(3);
    assertThat(registry.get("bms.executions").tag("mode", "REPORTED").tag("status", "SUCCEEDED")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void aBadEntryRejectsTheWholeBatchNamingIt() {
    assertThatThrownBy(() -> bms.executions().record(List.of(
        new ReportedExecution(job, T, T.plusSeconds(1), List.of(ok("local"))),
        new ReportedExecution(job, T, T.plusSeconds(1), List.of(ok("tape"))))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("executions[1]")
        .hasMessageContaining("'tape'");

    assertThat(bms.executions().list(ExecutionFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void anUnknownJobRejectsTheWholeBatch() {
    JobId unknown = new JobId(UUID.randomUUID());

    assertThatThrownBy(() -> bms.executions().record(List.of(
        new ReportedExecution(job, T, T.plusSeconds(1), List.of(ok("local"))),
        new ReportedExecution(unknown, T, T.plusSeconds(1), List.of()))))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(unknown.toString());

    assertThat(bms.executions().list(ExecutionFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void tooManyAtOnceAreRefused() {
    ReportedExecution one = new ReportedExecution(job, T, T, List.of(ok("local")));

    assertThatThrownBy(() -> bms.executions().record(Collections.nCopies(ExecutionService.MAX_RECORD_BATCH + 1, one)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(String.valueOf(ExecutionService.MAX_RECORD_BATCH));
  }

  @Test
  void finishingBeforeStartingIsRejected() {
    assertThatThrownBy(() -> new ReportedExecution(job, T, T.minusSeconds(1), List.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("finishedAt");
  }

  @Test
  void latestByJobsGivesEveryJobAskedForItsNewestExecutions() {
    List<ReportedExecution> history = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      history.add(new ReportedExecution(job, T.plusSeconds(3600L * i), T.plusSeconds(3600L * i + 60), List.of(ok("local"))));
    }
    List<Execution> recorded = bms.executions().record(history);

    Map<JobId, List<Execution>> latest = bms.executions().latestByJobs(List.of(other, job), 3);

    assertThat(latest.keySet()).containsExactly(other, job);
    assertThat(latest.get(other)).isEmpty();
    assertThat(latest.get(job)).containsExactly(recorded.get(3), recorded.get(2), recorded.get(1));
  }

  @Test
  void latestByJobsBoundsAreChecked() {
    assertThatThrownBy(() -> bms.executions().latestByJobs(List.of(job), 0))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("perJob");
    assertThatThrownBy(() -> bms.executions().latestByJobs(List.of(job), 1001))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("perJob");
  }
}
