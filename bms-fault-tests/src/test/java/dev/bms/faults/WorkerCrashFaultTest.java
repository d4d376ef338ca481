package dev.bms.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three bms instances in three JVMs share one PostgreSQL schema and run scheduled backups (a slow
 * source into a real filesystem target). The first one seen mid-backup is SIGKILLed; the next one
 * seen mid-backup is frozen with SIGSTOP until its lease expires, then resumed with SIGCONT.
 * Afterwards the database must show: every fire made exactly one scheduled execution and exactly
 * one successful backup across its retries; the runs of the killed and the frozen instance ABANDONED
 * and retried per the job's policy (attempt 2, due after the policy's backoff); the frozen instance's
 * late writes refused (its runs stay ABANDONED); every recorded copy present on the target; nothing
 * left RUNNING or PENDING.
 */
@Timeout(240)
class WorkerCrashFaultTest {
  private static final String SCENARIO = "worker-sigkill-sigstop";
  private static final Db DB = new Db(Db.SHARED_URL, Db.randomSchema("bms_fault_workers"));
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  @AfterAll
  static void dropSchema() {
    DB.dropSchema();
  }

  @Test
  void killedAndFrozenInstancesLoseNothingAndRunNothingTwice() throws Exception {
    Path targetRoot = Files.createDirectories(Path.of("target", "fault-data", DB.schema()).toAbsolutePath());
    Path logs = Path.of("target", "fault-logs", DB.schema());
    List<WorkerProcess> workers = new ArrayList<>();
    BackupManager admin = Bms.builder().instanceId("admin")
        .storage(JdbcStorage.builder().url(DB.url()).credentials("postgres", "").schema(DB.schema()).poolSize(2).build())
        .plugin(new FaultPlugin()).scheduler(false).build();
    admin.start();
    try {
      List<JobId> jobs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        jobs.add(admin.jobs().create(BackupJob.builder("job-" + i)
            .source("slow", FaultPlugin.slowSource(64 * 1024, 30)) // about 2 s per run
            .schedule(Schedule.interval(Duration.ofSeconds(4)))
            .copy(CopySpec.target("filesystem", Map.of("root", targetRoot.toString(), "fsync", "false", "initialize", "true")).named("disk"))
            .retry(RetryPolicy.exponential(3, BACKOFF, Duration.ofSeconds(4)))
            .build()));
      }
      for (int i = 1; i <= 3; i++) {
        workers.add(WorkerProcess.start("w" + i, logs, List.of("url=" + DB.url(), "schema=" + DB.schema(),
            "pollMillis=200", "heartbeatMillis=200", "leaseMillis=" + LEASE.toMillis(), "workers=2")));
      }
      Waits.until("workers started", Duration.ofSeconds(90), () -> workers.stream().allMatch(w -> w.printed("ready")),
          () -> "");

      // SIGKILL the first instance seen mid-backup
      WorkerProcess victim = awaitMidBackup(workers, Optional.empty());
      List<UUID> killedRuns = runningOf(victim);
      victim.kill();
      long killedAt = System.nanoTime();

      // SIGSTOP the next one seen mid-backup, until the survivor took its runs away
      WorkerProcess frozen = awaitMidBackup(workers, Optional.of(victim));
      List<UUID> frozenRuns = runningOf(frozen);
      frozen.freeze();
      long frozenAt = System.nanoTime();
      Waits.until("frozen runs abandoned", Duration.ofSeconds(30), () -> allAbandoned(frozenRuns), WorkerCrashFaultTest::state);
      Duration frozenTakeover = Duration.ofNanos(System.nanoTime() - frozenAt);
      Waits.until("killed runs abandoned", Duration.ofSeconds(30), () -> allAbandoned(killedRuns), WorkerCrashFaultTest::state);
      Duration killTakeover = Duration.ofNanos(System.nanoTime() - killedAt);
      frozen.thaw();
      OffsetDateTime thawedAt = (OffsetDateTime) DB.rows("SELECT now() AS t").get(0).get("t");

      // the thawed instance works again (a new run of its own succeeds) and the abandoned runs were retried
      Waits.until("thawed instance runs again", Duration.ofSeconds(60), () -> DB.count("SELECT count(*) FROM %s.bms_execution WHERE owner = ? AND status = 'SUCCEEDED'"
              + " AND started_at > ?", frozen.instance(), thawedAt) > 0, WorkerCrashFaultTest::state);
      List<UUID> abandoned = new ArrayList<>(killedRuns);
      abandoned.addAll(frozenRuns);
      Waits.until("retries of " + abandoned + " succeeded", Duration.ofSeconds(60),
          () -> abandoned.stream().allMatch(WorkerCrashFaultTest::retrySucceeded), WorkerCrashFaultTest::state);

      // quiesce: no more fires, let the queue drain, close the live instances cleanly
      for (JobId id : jobs) {
        admin.jobs().disable(id);
      }
      Waits.until("queue drained", Duration.ofSeconds(60),
          () -> DB.count("SELECT count(*) FROM %s.bms_execution WHERE status IN ('PENDING', 'RUNNING')") == 0,
          WorkerCrashFaultTest::state);
      for (WorkerProcess w : workers) {
        if (w != victim) {
          assertThat(w.exit(Duration.ofSeconds(30))).as("exit code of %s", w.instance()).isZero();
        }
      }

      // --- checked from the database ---
      assertThat(DB.rows("SELECT id, status, owner FROM %s.bms_execution WHERE status NOT IN ('SUCCEEDED', 'ABANDONED')"))
          .as("every execution ended SUCCEEDED or ABANDONED").isEmpty();
      // each fire: one scheduled execution, one success over its retries
      assertThat(DB.rows("SELECT f.job_id, f.scheduled_for, f.outcome,"
          + " (SELECT count(*) FROM %s.bms_execution e WHERE e.job_id = f.job_id AND e.scheduled_for = f.scheduled_for"
          + "   AND e.trigger = 'SCHEDULE') AS scheduled,"
          + " (SELECT count(*) FROM %s.bms_execution e WHERE e.job_id = f.job_id AND e.scheduled_for = f.scheduled_for"
          + "   AND e.status = 'SUCCEEDED') AS succeeded"
          + " FROM %s.bms_fire f")).as("fires").isNotEmpty()
          .allSatisfy(f -> {
            assertThat(f.get("outcome")).as("fire %s", f).isEqualTo("FIRED");
            assertThat(f.get("scheduled")).as("scheduled executions of fire %s", f).isEqualTo(1L);
            assertThat(f.get("succeeded")).as("successful backups of fire %s", f).isEqualTo(1L);
          });
      assertThat(DB.count("SELECT count(*) FROM %s.bms_execution e WHERE NOT EXISTS (SELECT 1 FROM %s.bms_fire f"
          + " WHERE f.job_id = e.job_id AND f.scheduled_for = e.scheduled_for)")).as("executions without a fire").isZero();
      // no fire time lost: each job's fires are consecutive 4 s slots
      for (JobId id : jobs) {
        List<OffsetDateTime> fires = DB.rows("SELECT scheduled_for FROM %s.bms_fire WHERE job_id = ? ORDER BY 1",
            id.value()).stream().map(r -> (OffsetDateTime) r.get("scheduled_for")).toList();
        for (int i = 1; i < fires.size(); i++) {
          assertThat(Duration.between(fires.get(i - 1), fires.get(i))).as("gap between fires of %s", id)
              .isEqualTo(Duration.ofSeconds(4));
        }
      }
      // the killed and the frozen runs: ABANDONED (never overwritten by the thawed owner), retried per policy
      for (UUID run : abandoned) {
        Map<String, Object> row = DB.rows("SELECT status, owner, error FROM %s.bms_execution WHERE id = ?", run).get(0);
        assertThat(row.get("status")).as("run %s", run).isEqualTo("ABANDONED");
        assertThat((String) row.get("error")).as("run %s", run).contains("lease");
        Map<String, Object> retry = DB.rows("SELECT attempt, trigger, status, created_at, due_at FROM %s.bms_execution"
            + " WHERE retry_of = ?", run).get(0);
        assertThat(retry.get("attempt")).isEqualTo(2);
        assertThat(retry.get("trigger")).isEqualTo("RETRY");
        assertThat(Duration.between((OffsetDateTime) retry.get("created_at"), (OffsetDateTime) retry.get("due_at")))
            .as("backoff before the retry of %s", run).isEqualTo(BACKOFF);
      }
      // every copy recorded as written is on the target, complete (manifest present)
      List<Map<String, Object>> copies = DB.rows("SELECT c.location FROM %s.bms_copy_result c"
          + " JOIN %s.bms_execution e ON e.id = c.execution_id WHERE e.status = 'SUCCEEDED'");
      assertThat(copies).isNotEmpty().allSatisfy(c ->
          assertThat(Path.of((String) c.get("location")).resolve("manifest.tsv")).as("copy %s", c).isRegularFile());

      long fires = DB.count("SELECT count(*) FROM %s.bms_fire");
      Map<String, Long> statuses = DB.rows("SELECT status, count(*) AS n FROM %s.bms_execution GROUP BY status").stream()
          .collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
      Figures.record(SCENARIO, "SIGKILL: last heartbeat to ABANDONED (database times)", silence(killedRuns));
      Figures.record(SCENARIO, "SIGSTOP: last heartbeat to ABANDONED (database times)", silence(frozenRuns));
      Figures.record(SCENARIO, "SIGSTOP: frozen to runs taken over (test clock)", frozenTakeover);
      Figures.record(SCENARIO, "SIGKILL: killed to runs taken over (test clock, at most)", killTakeover);
      Figures.record(SCENARIO, "lease timeout", LEASE);
      Figures.record(SCENARIO, "outcome", fires + " fires, executions " + statuses + ", 0 duplicates, 0 left RUNNING");
    } finally {
      for (WorkerProcess w : workers) {
        w.close();
      }
      admin.close();
    }
  }

  /** The first worker (other than {@code except}) with a running execution that made progress. */
  private static WorkerProcess awaitMidBackup(List<WorkerProcess> workers, Optional<WorkerProcess> except) {
    WorkerProcess[] found = new WorkerProcess[1];
    Waits.until("a worker mid-backup", Duration.ofSeconds(60), () -> {
          for (WorkerProcess w : workers) {
            if (except.map(e -> e != w).orElse(true) && !runningOf(w).isEmpty()) {
              found[0] = w;
              return true;
            }
          }
          return false;
        }, WorkerCrashFaultTest::state);
    return found[0];
  }

  /** Every execution, oldest first, for failure messages. */
  private static String state() {
    StringBuilder sb = new StringBuilder("executions (job, trigger, attempt, status, owner, retry_of, started, heartbeat, finished, error):\n");
    for (Map<String, Object> r : DB.rows("SELECT j.name, e.id, e.trigger, e.attempt, e.status, e.owner, e.retry_of,"
        + " e.started_at, e.heartbeat_at, e.finished_at, e.error FROM %s.bms_execution e JOIN %s.bms_job j ON j.id = e.job_id"
        + " ORDER BY e.created_at")) {
      sb.append("  ").append(r.values()).append('\n');
    }
    return sb.toString();
  }

  /** The longest time between a run's last heartbeat and its being marked ABANDONED. */
  private static Duration silence(List<UUID> runs) {
    return Duration.ofMillis(DB.count("SELECT max(CAST(EXTRACT(EPOCH FROM (finished_at - heartbeat_at)) * 1000 AS BIGINT))"
        + " FROM %s.bms_execution WHERE id = ANY(?)", (Object) runs.toArray(UUID[]::new)));
  }

  private static List<UUID> runningOf(WorkerProcess w) {
    return DB.rows("SELECT id FROM %s.bms_execution WHERE status = 'RUNNING' AND owner = ? AND progress_bytes > 0",
        w.instance()).stream().map(r -> (UUID) r.get("id")).toList();
  }

  private static boolean allAbandoned(List<UUID> runs) {
    return runs.stream().allMatch(id ->
        "ABANDONED".equals(DB.rows("SELECT status FROM %s.bms_execution WHERE id = ?", id).get(0).get("status")));
  }

  private static boolean retrySucceeded(UUID run) {
    return DB.count("SELECT count(*) FROM %s.bms_execution WHERE retry_of = ? AND status = 'SUCCEEDED'", run) == 1;
  }
}
