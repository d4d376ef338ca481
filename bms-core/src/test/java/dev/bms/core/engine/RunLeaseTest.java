package dev.bms.core.engine;

import dev.bms.testkit.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.ConflictException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import dev.bms.core.internal.DefaultBackupManager;
import dev.bms.core.internal.engine.ExecutionEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RUNNING execution has an owner and a lease, however it started: {@code runNow} runs are
 * watched like claimed ones (timeout, cancel, lease, shutdown), reported runs live on their
 * heartbeats.
 */
class RunLeaseTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  BackupManager bms;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    bms = Managers.h2(dir, clock).reportedHeartbeatTimeout(Duration.ofSeconds(2)).build();
    bms.start();
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private JobId job(String name, Map<String, String> source, Duration timeout) {
    BackupJob.Builder b = BackupJob.builder(name).source("mem", source)
        .copy(CopySpec.target("mem", Map.of("store", name)).named("mem"));
    if (timeout != null) {
      b.timeout(timeout);
    }
    return bms.jobs().create(b.build());
  }

  private CompletableFuture<Execution> runNowInBackground(JobId id) {
    return CompletableFuture.supplyAsync(() -> bms.executions().runNow(id));
  }

  private Execution theRunning(JobId id) {
    await().until(() -> Managers.executions(bms, id).stream()
        .anyMatch(e -> e.status() == ExecutionStatus.RUNNING && e.progressBytes() > 0));
    return Managers.executions(bms, id).get(0);
  }

  @Test
  void cancelEndsARunNowRunCancelled() throws Exception {
    JobId id = job("cancel-run-now", Map.of("behavior", "ENDLESS"), null);
    CompletableFuture<Execution> run = runNowInBackground(id);
    Execution running = theRunning(id);

    bms.executions().cancel(running.id());

    Execution done = run.get(20, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(Managers.get(bms, running.id()).status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(EngineTestPlugin.COPIES).isEmpty();
  }

  @Test
  void runNowPastItsTimeoutEndsTimedOut() throws Exception {
    JobId id = job("slow-run-now", Map.of("behavior", "ENDLESS"), Duration.ofMinutes(10));
    CompletableFuture<Execution> run = runNowInBackground(id);
    Execution running = theRunning(id);
    clock.advance(Duration.ofMinutes(9));
    // a whole watchdog pass at the new time, and the run goes on
    ExecutionEngine engine = ((DefaultBackupManager) bms).internal(ExecutionEngine.class);
    long seen = engine.completedPasses();
    await().atMost(Duration.ofMinutes(2)).until(() -> engine.completedPasses() >= seen + 2);
    assertThat(run).isNotDone();
    assertThat(Managers.get(bms, running.id()).status()).isEqualTo(ExecutionStatus.RUNNING);

    clock.advance(Duration.ofMinutes(2));

    Execution done = run.get(20, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(done.error().orElseThrow()).startsWith("timed out");
    assertThat(Managers.get(bms, running.id()).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
  }

  @Test
  void runNowThatStopsRenewingItsLeaseIsAbandoned() throws Exception {
    // the gate blocks the run without progress: no heartbeat renews its lease, as if its owner died
    JobId id = job("stalled-run-now", Map.of("behavior", "GATED", "gate", "stall", "bytes", "4096"), null);
    CompletableFuture<Execution> run = runNowInBackground(id);
    assertThat(EngineTestPlugin.gate("stall").awaitReached(30)).isTrue();
    Execution running = Managers.executions(bms, id).get(0);
    assertThat(running.owner()).contains("h2");

    await().atMost(Duration.ofSeconds(30)).until(() -> Managers.get(bms, running.id()).status() == ExecutionStatus.ABANDONED);
    assertThat(Managers.get(bms, running.id()).error().orElseThrow()).contains("lease of owner 'h2' expired");

    // the stalled owner wakes up: its late result is refused, what the reaper recorded stays
    EngineTestPlugin.gate("stall").open();
    Execution late = run.get(20, TimeUnit.SECONDS);
    assertThat(late.status()).isEqualTo(ExecutionStatus.ABANDONED);
    assertThat(Managers.get(bms, running.id()).status()).isEqualTo(ExecutionStatus.ABANDONED);
  }

  @Test
  void closeDuringRunNowRecordsItInterruptedAndRunNowReturnsIt() throws Exception {
    BackupManager quick = Managers.h2(dir.resolve("quick"), clock).drainTimeout(Duration.ofMillis(200)).build();
    quick.start();
    JobId id = quick.jobs().create(BackupJob.builder("endless").source("mem", Map.of("behavior", "ENDLESS"))
        .copy(CopySpec.target("mem", Map.of("store", "endless"))).build());
    CompletableFuture<Execution> run = CompletableFuture.supplyAsync(() -> quick.executions().runNow(id));
    await().until(() -> Managers.executions(quick, id).stream().anyMatch(e -> e.progressBytes() > 0));
    Execution running = Managers.executions(quick, id).get(0);

    quick.close();

    Execution done = run.get(20, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.INTERRUPTED);
    BackupManager reopened = Managers.h2(dir.resolve("quick"), clock).scheduler(false).build();
    reopened.start();
    try {
      Execution after = Managers.get(reopened, running.id());
      assertThat(after.status()).isEqualTo(ExecutionStatus.INTERRUPTED);
      assertThat(after.error().orElseThrow()).contains("drain timeout");
    } finally {
      reopened.close();
    }
  }

  @Test
  void reportedExecutionLivesOnItsHeartbeatsAndIsAbandonedWithoutThem() {
    JobId id = bms.jobs().create(BackupJob.builder("reported").copy(CopySpec.target("mem", Map.of("store", "r")))
        .build());
    ReportedRun begun = bms.executions().begin(id);
    // heartbeats every 300 ms keep it alive past its 2 s heartbeat timeout
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < until) {
      bms.executions().heartbeat(begun.id(), begun.token(), 10);
      assertThat(Managers.get(bms, begun.id()).status()).isEqualTo(ExecutionStatus.RUNNING);
      await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    }
    // the tool dies: no more heartbeats
    await().atMost(Duration.ofSeconds(30)).until(() -> Managers.get(bms, begun.id()).status() == ExecutionStatus.ABANDONED);
    Execution abandoned = Managers.get(bms, begun.id());
    assertThat(abandoned.error().orElseThrow()).contains("expired");
    assertThatThrownBy(() -> bms.executions().fail(begun.id(), begun.token(), "too late")).isInstanceOf(ConflictException.class);
    // a reported run is never retried by bms
    assertThat(Managers.executions(bms, id)).hasSize(1);
  }
}
