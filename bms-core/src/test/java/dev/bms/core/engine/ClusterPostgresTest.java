package dev.bms.core.engine;

import dev.bms.testkit.time.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several managers in one JVM against the real PostgreSQL, in a schema of this class's own
 * (emptied before each test, dropped after the class).
 */
class ClusterPostgresTest {
  private static final String SCHEMA = Managers.randomSchema();
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final List<BackupManager> managers = new ArrayList<>();

  @BeforeEach
  void clean() {
    EngineTestPlugin.reset();
    BackupManager setup = Managers.postgres(SCHEMA, "setup", clock).scheduler(false).build();
    setup.start(); // migrates
    setup.close();
    Managers.sql("TRUNCATE " + SCHEMA + ".bms_job CASCADE");
  }

  @AfterEach
  void closeAll() {
    managers.forEach(BackupManager::close);
  }

  @AfterAll
  static void dropSchema() {
    Managers.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  private BackupManager manager(String id, SimpleMeterRegistry registry, boolean start) {
    BackupManager bms = Managers.postgres(SCHEMA, id, clock).meterRegistry(registry).maxConcurrentExecutions(8)
        .misfireThreshold(Duration.ofDays(365)).build();
    managers.add(bms);
    if (start) {
      bms.start();
    }
    return bms;
  }

  private static long count(String where) {
    return Managers.count("SELECT COUNT(*) FROM " + SCHEMA + "." + where);
  }

  @Test
  void threeInstancesRunTenThousandFiresOfFiftyJobsExactlyOnce() {
    BackupManager a = manager("a", new SimpleMeterRegistry(), true);
    manager("b", new SimpleMeterRegistry(), true);
    manager("c", new SimpleMeterRegistry(), true);
    List<JobId> jobs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      jobs.add(a.jobs().create(BackupJob.builder("job-" + i).source("mem", Map.of("bytes", "32"))
          .schedule(Schedule.interval(Duration.ofMinutes(1)))
          .copy(CopySpec.target("mem", Map.of("store", "cluster"))).build()));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> count("bms_schedule WHERE next_fire_at IS NOT NULL") == 50);

    // 200 minutes pass at once: 200 fire times of each of the 50 jobs are due, 10,000 in all
    clock.advance(Duration.ofMinutes(200));
    // a bound against hanging, not a speed claim (the claim rate is measured in ClaimBenchmark)
    await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250))
        .until(() -> count("bms_execution WHERE status = 'SUCCEEDED'") == 10_000);

    // every fire recorded once and made one execution, which ran once
    assertThat(count("bms_fire")).isEqualTo(10_000);
    assertThat(count("bms_fire WHERE outcome = 'FIRED'")).isEqualTo(10_000);
    assertThat(count("bms_execution")).isEqualTo(10_000);
    assertThat(Managers.count("SELECT COUNT(*) FROM (SELECT DISTINCT job_id, scheduled_for FROM " + SCHEMA
        + ".bms_execution) t")).isEqualTo(10_000);
    assertThat(count("bms_fire f JOIN " + SCHEMA + ".bms_execution e ON e.id = f.execution_id"
        + " AND e.scheduled_for = f.scheduled_for AND e.job_id = f.job_id")).isEqualTo(10_000);
    assertThat(EngineTestPlugin.COMMITS).hasSize(10_000);
    assertThat(EngineTestPlugin.COMMITS.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    // nothing left dead: no execution pending, running, abandoned; no lease held
    assertThat(count("bms_execution WHERE status <> 'SUCCEEDED'")).isZero();
    assertThat(count("bms_execution WHERE running_job_id IS NOT NULL OR lease_until IS NOT NULL")).isZero();
    // the work was spread
    long owners = Managers.count("SELECT COUNT(DISTINCT owner) FROM " + SCHEMA + ".bms_execution");
    assertThat(owners).isGreaterThan(1);
    for (JobId job : jobs) {
      assertThat(a.schedules().status(job).nextFireAt()).contains(T0.plus(Duration.ofMinutes(201)));
    }
  }

  @Test
  void pausedWorkerPastItsLeaseHasItsLateHeartbeatAndCompletionRefused() throws Exception {
    SimpleMeterRegistry metersA = new SimpleMeterRegistry();
    BackupManager a = manager("a", metersA, true);
    JobId heartbeatJob = a.jobs().create(BackupJob.builder("paused-mid-copy")
        .source("mem", Map.of("behavior", "GATED", "gate", "mid", "bytes", String.valueOf(2 * 1024 * 1024)))
        .copy(CopySpec.target("mem", Map.of("store", "mid"))).retry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO))
        .build());
    JobId completionJob = a.jobs().create(BackupJob.builder("paused-before-completion")
        .source("mem", Map.of("behavior", "GATED_AT_END", "gate", "end"))
        .copy(CopySpec.target("mem", Map.of("store", "end"))).retry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO))
        .build());
    Execution mid = a.executions().submit(heartbeatJob);
    Execution end = a.executions().submit(completionJob);
    assertThat(EngineTestPlugin.gate("mid").awaitReached(30)).isTrue();
    assertThat(EngineTestPlugin.gate("end").awaitReached(30)).isTrue();
    long claimedVersion = Managers.get(a, mid.id()).version();

    // a's two workers stall (no progress, no heartbeat) past the 1 s lease: b takes both over
    BackupManager b = manager("b", new SimpleMeterRegistry(), true);
    await().atMost(Duration.ofSeconds(20)).until(() -> Managers.get(b, mid.id()).status() == ExecutionStatus.ABANDONED
        && Managers.get(b, end.id()).status() == ExecutionStatus.ABANDONED);
    await().atMost(Duration.ofSeconds(20)).until(() -> Managers.executions(b, heartbeatJob).stream()
        .anyMatch(e -> e.attempt() == 2 && e.status() == ExecutionStatus.SUCCEEDED)
        && Managers.executions(b, completionJob).stream().anyMatch(e -> e.attempt() == 2 && e.status() == ExecutionStatus.SUCCEEDED));
    Execution abandonedMid = Managers.get(b, mid.id());
    assertThat(abandonedMid.version()).isEqualTo(claimedVersion + 1);
    assertThat(abandonedMid.owner()).contains("a");

    // the paused workers wake up: their next heartbeat / their completion carries the stale version
    EngineTestPlugin.gate("mid").open();
    EngineTestPlugin.gate("end").open();
    await().atMost(Duration.ofSeconds(20)).until(() -> metersA.counter("bms.executions.lease.lost").count() == 2);

    for (Execution e : List.of(Managers.get(b, mid.id()), Managers.get(b, end.id()))) {
      assertThat(e.status()).isEqualTo(ExecutionStatus.ABANDONED);
      assertThat(e.error().orElseThrow()).contains("abandoned");
      assertThat(e.copies()).isEmpty(); // nothing the stale worker found was recorded
    }
    // the copy of the mid-copy worker was aborted, not committed: one committed copy per job (the retry's)
    assertThat(EngineTestPlugin.COMMITS).doesNotContainKey(mid.id().toString());
    assertThat(EngineTestPlugin.ABORTS.get()).isGreaterThanOrEqualTo(1);
    assertThat(count("bms_execution WHERE status = 'RUNNING'")).isZero();
  }
}
