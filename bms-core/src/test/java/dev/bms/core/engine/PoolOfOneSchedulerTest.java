package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler with a pool of ONE connection: nothing it does under a row lock may wait for a
 * second connection. Firing and reaping hand their callbacks what they need (read on the locked
 * connection), so every run fires and completes promptly. Were a callback to ask the pool again,
 * each tick would wait for the connection timeout ({@link #CONNECTION_TIMEOUT}) and fail, and the
 * waits below (at most half of it) would time out.
 */
class PoolOfOneSchedulerTest {
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration PROMPTLY = CONNECTION_TIMEOUT.dividedBy(2);
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void scheduledRunsAndAnAbandonedRunsRetryCompletePromptlyOnH2() {
    scheduleFireAndReap(JdbcStorage.builder().embedded(dir.resolve("db")));
  }

  @Test
  void scheduledRunsAndAnAbandonedRunsRetryCompletePromptlyOnPostgres() {
    String schema = Managers.randomSchema();
    try {
      scheduleFireAndReap(JdbcStorage.builder().url(Managers.PG_URL).credentials(Managers.PG_USER, "").schema(schema));
    } finally {
      Managers.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private void scheduleFireAndReap(JdbcStorage.Builder storageBuilder) {
    EngineTestPlugin.reset();
    MutableClock clock = new MutableClock(T0);
    JdbcStorage storage = storageBuilder.poolSize(1).connectionTimeout(CONNECTION_TIMEOUT).build();
    try (BackupManager bms = Managers.h2(dir, clock).storage(storage).instanceId("one").build()) {
      bms.start();
      JobId id = bms.jobs().create(BackupJob.builder("hourly").source("mem", Map.of())
          .copy(CopySpec.target("mem", Map.of("store", "hourly")).named("mem"))
          .schedule(Schedule.interval(Duration.ofHours(1)))
          .retry(RetryPolicy.exponential(2, Duration.ofMinutes(1), Duration.ofMinutes(1))).build());
      await().atMost(PROMPTLY).until(() -> bms.schedules().status(id).nextFireAt().isPresent());

      // fires: each hour one scheduled run, fired under the schedule's lock and run to the end
      for (int hour = 1; hour <= 3; hour++) {
        clock.advance(Duration.ofHours(1));
        long expected = hour;
        await().atMost(PROMPTLY).until(() -> succeeded(bms, id) == expected);
      }

      // reaping: a run of a dead owner whose lease expired is abandoned and its retry queued
      Instant now = clock.instant();
      Execution dead = Execution.builder(new ExecutionId(UUID.randomUUID()), id, now).mode(ExecutionMode.MANAGED)
          .status(ExecutionStatus.RUNNING).startedAt(now).heartbeatAt(now).owner("dead").version(1).build();
      storage.scheduler().orElseThrow().insertRunning(dead, Duration.ofMillis(1));
      await().atMost(PROMPTLY).until(() -> Managers.get(bms, dead.id()).status() == ExecutionStatus.ABANDONED);
      clock.advance(Duration.ofMinutes(1)); // the retry's backoff
      await().atMost(PROMPTLY).until(() -> Managers.executions(bms, id).stream()
          .anyMatch(e -> e.attempt() == 2 && e.status() == ExecutionStatus.SUCCEEDED));
      assertThat(succeeded(bms, id)).isEqualTo(4);
    }
  }

  private static long succeeded(BackupManager bms, JobId id) {
    return Managers.executions(bms, id).stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count();
  }
}
