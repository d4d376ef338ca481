package dev.bms.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.health.Health;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A private PostgreSQL under one bms instance that runs scheduled backups and takes writes all the
 * time: first a clean restart ({@code pg_ctl restart -m fast}), then a crash ({@code pg_ctl stop -m
 * immediate}) and 15 s of downtime, both while backups are in flight. Afterwards, checked in the
 * database: every write the API acknowledged is there, no execution is left RUNNING, and no backup
 * whose copy the target committed is recorded FAILED. Calls during the outage fail fast (10 s at
 * most, with StorageUnavailableException); health() reports the storage down within 5 s and the API
 * answers again within 10 s of the database starting (the reference system's figures). Time to
 * detection and time to recovery are printed.
 */
@Timeout(240)
class PostgresOutageFaultTest {
  private static final String SCENARIO = "postgres-outage";
  private static final Duration OUTAGE = Duration.ofSeconds(15);
  private static final Duration FAIL_FAST = Duration.ofSeconds(10);

  /**
   * One API call: when it ended (nanoTime), how long it took, whether it succeeded; for a failure, its
   * exception's simple name and {@code cause}, its message and causes, so an unexpected type can be traced.
   */
  record Call(long endedAt, long tookNanos, boolean ok, String error, String cause) {
    Call(long endedAt, long tookNanos, boolean ok, String error) {
      this(endedAt, tookNanos, ok, error, "");
    }
  }

  private static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      out.append(out.length() == 0 ? "" : " <- ").append(t);
    }
    return out.toString();
  }

  @Test
  void restartAndFifteenSecondStopLoseNothingAndLeaveNothingRunning() throws Exception {
    // the load: API calls every 100 ms and health every 20 ms, each at a fixed delay after the last ended
    ScheduledExecutorService load = Executors.newScheduledThreadPool(3, r -> {
      Thread t = new Thread(r, "fault-load");
      t.setDaemon(true);
      return t;
    });
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Queue<Call> probes = new ConcurrentLinkedQueue<>();
    Queue<Call> writes = new ConcurrentLinkedQueue<>();
    Queue<long[]> healthLog = new ConcurrentLinkedQueue<>(); // {nanoTime, storage up 1/0, scheduler up 1/0}
    try (PrivatePostgres pg = PrivatePostgres.initAndStart(Path.of("target", "fault-pg", "outage"))) {
      Db db = new Db(pg.jdbcUrl(), "bms_fault");
      BackupManager bms = Bms.builder().instanceId("pg-outage")
          .storage(JdbcStorage.builder().url(pg.jdbcUrl()).credentials("postgres", "").schema(db.schema()).poolSize(6).build())
          .plugin(new FaultPlugin())
          .pollInterval(Duration.ofMillis(200))
          .heartbeatInterval(Duration.ofMillis(200))
          .leaseTimeout(Duration.ofSeconds(30)) // longer than the outage: runs in flight keep their lease
          .maxConcurrentExecutions(3)
          .drainTimeout(Duration.ofSeconds(10))
          .build();
      bms.start();
      Duration restartRecovery;
      Duration detection;
      Duration recovery;
      Duration schedulerRecovery;
      Duration healthDown;
      Duration healthUp;
      String schedulerDown;
      java.util.Set<UUID> inFlight = new java.util.LinkedHashSet<>();
      long outageFrom;
      long outageTo;
      try {
        List<JobId> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          jobs.add(bms.jobs().create(BackupJob.builder("scheduled-" + i)
              .source("slow", FaultPlugin.slowSource(64 * 1024, 40)) // about 2.6 s per run
              .schedule(Schedule.interval(Duration.ofSeconds(3)))
              .copy(CopySpec.target("recording", Map.of()).named("rec"))
              .retry(RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(4)))
              .build()));
        }
        AtomicLong written = new AtomicLong();
        every(load, 100, writes, () -> {
          long n = written.getAndIncrement();
          String name = "ack-" + n;
          bms.jobs().create(BackupJob.builder(name).source("slow", FaultPlugin.slowSource(1024, 0))
              .copy(CopySpec.target("recording", Map.of()).named("rec")).build());
          acknowledged.add(name);
        });
        every(load, 100, probes, () -> bms.executions().latestByJobs(jobs, 1));
        load.scheduleWithFixedDelay(() -> {
          Health h = bms.health();
          healthLog.add(new long[] {System.nanoTime(), h.storage().isUp() ? 1 : 0, h.scheduler().isUp() ? 1 : 0});
        }, 0, 20, TimeUnit.MILLISECONDS);

        // 1. a clean restart while backups run
        List<UUID> inFlightAtRestart = awaitRunsInFlight(db);
        long restartAt = System.nanoTime();
        pg.restart();
        long restartedAt = System.nanoTime();
        Waits.until("API answers after the restart", Duration.ofSeconds(30),
            () -> firstOkAfter(probes, restartedAt) > 0, () -> "probes: " + summary(probes, restartAt));
        restartRecovery = Duration.ofNanos(firstOkAfter(probes, restartedAt) - restartAt);

        // 2. a crash and 15 s of downtime while backups run
        List<UUID> inFlightAtStop = awaitRunsInFlight(db);
        long stoppedAt = System.nanoTime();
        outageFrom = stoppedAt;
        pg.crash();
        long crashedAt = System.nanoTime(); // pg_ctl returned: the server is gone (a write started before may still commit)
        // the fault itself: the database stays down this long, and no write can be acknowledged meanwhile
        Waits.holds("every write refused while the database is down", OUTAGE,
            () -> firstOkAfter(writes, crashedAt) == 0, () -> "writes: " + summary(writes, stoppedAt));
        long startAt = System.nanoTime();
        outageTo = startAt;
        pg.start();
        long startedAt = System.nanoTime();
        Waits.until("API answers after the outage", Duration.ofSeconds(30),
            () -> firstOkAfter(probes, startedAt) > 0, () -> "probes: " + summary(probes, stoppedAt));
        detection = Duration.ofNanos(firstFailureAfter(probes, stoppedAt) - stoppedAt);
        recovery = Duration.ofNanos(firstOkAfter(probes, startedAt) - startAt);
        Waits.until("health reports storage up after the outage", Duration.ofSeconds(30),
            () -> firstHealth(healthLog, startAt, 1, true) > 0, () -> "");
        long sawDown = firstHealth(healthLog, stoppedAt, 1, false);
        assertThat(sawDown).as("health() reported storage down at some point of the outage").isPositive();
        healthDown = Duration.ofNanos(sawDown - stoppedAt);
        healthUp = Duration.ofNanos(firstHealth(healthLog, startAt, 1, true) - startAt);
        long schedulerDownAt = firstHealth(healthLog, stoppedAt, 2, false);
        schedulerDown = schedulerDownAt > 0 && schedulerDownAt < startAt
            ? Duration.ofNanos(schedulerDownAt - stoppedAt).toMillis() + " ms" : "never";
        String restartedAtDb = db.rows("SELECT now()::text AS t").get(0).get("t").toString();
        Waits.until("a backup started after the outage succeeded", Duration.ofSeconds(60),
            () -> db.count("SELECT count(*) FROM %s.bms_execution WHERE status = 'SUCCEEDED' AND started_at > ?::timestamptz",
                restartedAtDb) > 0, () -> state(db));
        schedulerRecovery = Duration.ofNanos(System.nanoTime() - startAt);

        inFlight.addAll(inFlightAtRestart);
        inFlight.addAll(inFlightAtStop);
        Waits.until("runs in flight during the faults finished", Duration.ofSeconds(60),
            () -> db.count("SELECT count(*) FROM %s.bms_execution WHERE id = ANY(?) AND status IN ('PENDING', 'RUNNING')",
                (Object) inFlight.toArray(UUID[]::new)) == 0, () -> state(db));
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).as("load stopped").isTrue();
        for (JobId id : jobs) {
          bms.jobs().disable(id);
        }
        Waits.until("queue drained", Duration.ofSeconds(60),
            () -> db.count("SELECT count(*) FROM %s.bms_execution WHERE status IN ('PENDING', 'RUNNING')") == 0,
            () -> state(db));
      } finally {
        load.shutdownNow();
        bms.close();
      }

      List<Call> failed = writes.stream().filter(c -> !c.ok()).toList();
      // every call made while the database was down must answer (fail) fast, not block until it is back
      long slowest = java.util.stream.Stream.concat(writes.stream(), probes.stream())
          .filter(c -> c.endedAt() - c.tookNanos() >= outageFrom && c.endedAt() - c.tookNanos() < outageTo)
          .mapToLong(Call::tookNanos).max().orElseThrow();

      Figures.record(SCENARIO, "restart: API answering again after", restartRecovery);
      Figures.record(SCENARIO, "stop: first failed call after", detection);
      Figures.record(SCENARIO, "stop: API answering again after start", recovery);
      Figures.record(SCENARIO, "stop: health() reports storage DOWN after", healthDown);
      Figures.record(SCENARIO, "stop: health() reports storage UP after start", healthUp);
      Figures.record(SCENARIO, "stop: health() reports scheduler DOWN (backing off) after", schedulerDown);
      Figures.record(SCENARIO, "stop: first new backup succeeded after start", schedulerRecovery);
      Figures.record(SCENARIO, "stop: longest call made while down", Duration.ofNanos(slowest));
      Figures.record(SCENARIO, "outcome", acknowledged.size() + " acknowledged writes, all stored; " + failed.size()
          + " refused writes " + failed.stream().map(Call::error).distinct().toList() + "; executions " + db.rows("SELECT status, count(*) AS n FROM %s.bms_execution GROUP BY status")
              .stream().collect(Collectors.toMap(r -> r.get("status"), r -> r.get("n"))));
      // --- checked in the database ---
      List<String> stored = db.rows("SELECT name FROM %s.bms_job WHERE name LIKE 'ack-%'").stream()
          .map(r -> (String) r.get("name")).toList();
      assertThat(stored).as("acknowledged job creations").containsAll(acknowledged);
      assertThat(db.rows("SELECT id, status, owner FROM %s.bms_execution WHERE status = 'RUNNING'"))
          .as("executions left RUNNING").isEmpty();
      Map<UUID, String> committed = new java.util.HashMap<>();
      for (ExecutionId id : FaultPlugin.COMMITTED) {
        db.rows("SELECT status FROM %s.bms_execution WHERE id = ?", id.value())
            .forEach(r -> committed.put(id.value(), (String) r.get("status")));
      }
      assertThat(committed).as("status of each execution whose copy the target committed").isNotEmpty()
          .allSatisfy((id, status) -> assertThat(status).as("execution %s", id).isNotEqualTo("FAILED"));
      // the runs in flight at the restart and at the stop: source and target were healthy, the lease
      // (30 s) outlived the outage, so each must end SUCCEEDED, its outcome written once storage is back
      assertThat(db.rows("SELECT id, status, error FROM %s.bms_execution WHERE id = ANY(?)",
          (Object) inFlight.toArray(UUID[]::new))).as("runs in flight during the faults").hasSize(inFlight.size())
          .allSatisfy(r -> assertThat(r.get("status")).as("run %s", r).isEqualTo("SUCCEEDED"));
      assertThat(Duration.ofNanos(slowest)).as("longest a call made while the database was down took")
          .isLessThanOrEqualTo(FAIL_FAST);
      assertThat(detection).as("time to the first failed call").isLessThanOrEqualTo(FAIL_FAST);
      assertThat(failed).as("calls refused while the database was down").isNotEmpty()
          .allSatisfy(c -> assertThat(c.error()).isEqualTo("StorageUnavailableException"));
      // the reference system's figures: 5 s to detect, 10 s to reconnect
      assertThat(healthDown).as("health() reports storage down").isLessThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(recovery).as("API answering again after the database started").isLessThanOrEqualTo(Duration.ofSeconds(10));
    } finally {
      load.shutdownNow();
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step} every {@code delayMillis} after the previous call ended, recording each call. */
  private static void every(ScheduledExecutorService load, long delayMillis, Queue<Call> calls, Step step) {
    load.scheduleWithFixedDelay(() -> {
      long start = System.nanoTime();
      try {
        step.run();
        calls.add(new Call(System.nanoTime(), System.nanoTime() - start, true, ""));
      } catch (Exception e) {
        calls.add(new Call(System.nanoTime(), System.nanoTime() - start, false, e.getClass().getSimpleName(), causes(e)));
      }
    }, 0, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** When health first showed component {@code index} (1 storage, 2 scheduler) up (or down) after {@code after}. */
  private static long firstHealth(Queue<long[]> log, long after, int index, boolean up) {
    return log.stream().filter(h -> h[0] >= after && (h[index] == 1) == up).mapToLong(h -> h[0]).min().orElse(0);
  }

  private static long firstOkAfter(Queue<Call> calls, long after) {
    return calls.stream().filter(c -> c.ok() && c.endedAt() - c.tookNanos() >= after).mapToLong(Call::endedAt)
        .min().orElse(0);
  }

  private static long firstFailureAfter(Queue<Call> calls, long after) {
    return calls.stream().filter(c -> !c.ok() && c.endedAt() >= after).mapToLong(Call::endedAt).min()
        .orElseThrow(() -> new AssertionError("no call failed while the database was down"));
  }

  private static String summary(Queue<Call> calls, long since) {
    return calls.stream().filter(c -> c.endedAt() >= since)
        .map(c -> (c.ok() ? "ok" : c.error()) + "@" + (c.endedAt() - since) / 1_000_000 + "ms")
        .collect(Collectors.joining(", "));
  }

  private static List<UUID> awaitRunsInFlight(Db db) {
    List<List<UUID>> found = new ArrayList<>();
    Waits.until("backups in flight", Duration.ofSeconds(60), () -> {
      List<UUID> running = db.rows("SELECT id FROM %s.bms_execution WHERE status = 'RUNNING' AND progress_bytes > 0")
          .stream().map(r -> (UUID) r.get("id")).toList();
      if (running.size() >= 2) {
        found.add(running);
        return true;
      }
      return false;
    }, () -> state(db));
    return found.get(0);
  }

  private static String state(Db db) {
    StringBuilder sb = new StringBuilder("executions (job, trigger, attempt, status, started, finished, error):\n");
    for (Map<String, Object> r : db.rows("SELECT j.name, e.id, e.trigger, e.attempt, e.status, e.started_at,"
        + " e.finished_at, e.error FROM %s.bms_execution e JOIN %s.bms_job j ON j.id = e.job_id ORDER BY e.created_at")) {
      sb.append("  ").append(r.values()).append('\n');
    }
    return sb.toString();
  }
}
