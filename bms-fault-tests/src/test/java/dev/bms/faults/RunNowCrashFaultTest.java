package dev.bms.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.SourceSpec;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker JVM is SIGKILLed while it runs a backup through {@code runNow} (in its caller's thread,
 * not claimed from the queue) and while a tool it hosts has {@code begin}-reported a backup. Every
 * RUNNING execution has an owner and a lease, however it started: a live instance marks both
 * ABANDONED once their lease (managed) or heartbeat timeout (reported) passed, and retries the
 * managed one per its policy. Nothing is left RUNNING.
 */
@Timeout(180)
class RunNowCrashFaultTest {
  private static final String SCENARIO = "worker-sigkill-runnow-begin";
  private static final Db DB = new Db(Db.SHARED_URL, Db.randomSchema("bms_fault_runnow"));

  @AfterAll
  static void dropSchema() {
    DB.dropSchema();
  }

  @Test
  void runsOfAKilledInstanceStartedOutsideTheQueueAreAbandonedAndRetried() throws Exception {
    BackupManager survivor = Bms.builder().instanceId("survivor")
        .storage(JdbcStorage.builder().url(DB.url()).credentials("postgres", "").schema(DB.schema()).poolSize(3).build())
        .plugin(new FaultPlugin())
        .pollInterval(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(200)).leaseTimeout(Duration.ofSeconds(2))
        .build();
    survivor.start();
    try (WorkerProcess worker = WorkerProcess.start("w-runnow", Path.of("target", "fault-logs", DB.schema()),
        List.of("url=" + DB.url(), "schema=" + DB.schema(), "pollMillis=200", "heartbeatMillis=200", "leaseMillis=2000",
            "reportedHeartbeatMillis=3000"))) {
      JobId managed = survivor.jobs().create(BackupJob.builder("run-now")
          .source("slow", FaultPlugin.slowSource(256 * 1024, 30)) // about 8 s
          .copy(CopySpec.target("recording", Map.of()).named("rec"))
          .retry(RetryPolicy.exponential(2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
          .build());
      JobId reported = survivor.jobs().create(BackupJob.builder("reported").source(SourceSpec.external())
          .copy(CopySpec.target("recording", Map.of()).named("rec")).build());
      Waits.until("worker started", Duration.ofSeconds(90), () -> worker.printed("ready"), worker::log);

      worker.send("runNow " + managed);
      worker.send("begin " + reported);
      Waits.until("runNow mid-backup and begin recorded", Duration.ofSeconds(60),
          () -> DB.count("SELECT count(*) FROM %s.bms_execution WHERE status = 'RUNNING' AND job_id = ? AND progress_bytes > 0",
              managed.value()) == 1 && worker.printed("begun "), () -> state() + worker.log());
      List<UUID> running = DB.rows("SELECT id FROM %s.bms_execution WHERE status = 'RUNNING'").stream()
          .map(r -> (UUID) r.get("id")).toList();
      assertThat(running).hasSize(2);
      worker.kill();
      long killedAt = System.nanoTime();

      Waits.until("runs of the killed worker ABANDONED", Duration.ofSeconds(60),
          () -> DB.count("SELECT count(*) FROM %s.bms_execution WHERE id = ANY(?) AND status = 'ABANDONED'",
              (Object) running.toArray(UUID[]::new)) == 2, RunNowCrashFaultTest::state);
      Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
      Waits.until("the abandoned runNow retried", Duration.ofSeconds(60),
          () -> DB.count("SELECT count(*) FROM %s.bms_execution WHERE job_id = ? AND trigger = 'RETRY' AND status = 'SUCCEEDED'"
              + " AND owner = 'survivor' AND attempt = 2", managed.value()) == 1, RunNowCrashFaultTest::state);
      Figures.record(SCENARIO, "runNow and begin of a SIGKILLed instance ABANDONED after", takeover);

      assertThat(DB.rows("SELECT id, status FROM %s.bms_execution WHERE status IN ('RUNNING', 'PENDING')"))
          .as("executions left RUNNING or PENDING").isEmpty();
      assertThat(DB.rows("SELECT owner FROM %s.bms_execution WHERE id = ANY(?) AND job_id = ?",
          running.toArray(UUID[]::new), managed.value())).singleElement()
          .satisfies(r -> assertThat(r.get("owner")).isEqualTo("w-runnow"));
    } finally {
      survivor.close();
    }
  }

  private static String state() {
    StringBuilder sb = new StringBuilder("executions (job, trigger, attempt, status, owner, started, heartbeat, finished, error):\n");
    for (Map<String, Object> r : DB.rows("SELECT j.name, e.trigger, e.attempt, e.status, e.owner, e.started_at, e.heartbeat_at,"
        + " e.finished_at, e.error FROM %s.bms_execution e JOIN %s.bms_job j ON j.id = e.job_id ORDER BY e.created_at")) {
      sb.append("  ").append(r.values()).append('\n');
    }
    return sb.toString();
  }
}
