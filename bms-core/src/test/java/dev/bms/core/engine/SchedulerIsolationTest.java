package dev.bms.core.engine;

import dev.bms.testkit.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidJobException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.JobSchedulingFailedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.spi.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job cannot stop the scheduler for everyone: durations are bounded when a job is defined, and
 * a job stored before (whose planning overflows) is skipped with an alert while the others fire.
 */
class SchedulerIsolationTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  final List<BmsEvent> events = new CopyOnWriteArrayList<>();
  Storage storage;
  BackupManager bms;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    storage = JdbcStorage.embedded(dir.resolve("db"));
    bms = Managers.h2(dir, clock).storage(storage).build();
    bms.subscribe(events::add);
    bms.start();
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private static BackupJob.Builder job(String name) {
    return BackupJob.builder(name).source("mem", Map.of()).copy(CopySpec.target("mem", Map.of("store", name)));
  }

  @Test
  void durationsOutOfBoundsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> bms.jobs().create(job("forever").schedule(Schedule.interval(Duration.ofSeconds(Long.MAX_VALUE))).build()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("schedule.every");
    assertThatThrownBy(() -> bms.jobs().create(job("eon").schedule(Schedule.interval(Duration.ofDays(365L * 1_000_000))).build()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("schedule.every");
    assertThatThrownBy(() -> bms.jobs().create(job("rpo").rpo(Duration.ofSeconds(Long.MAX_VALUE)).build()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("rpo");
    assertThatThrownBy(() -> bms.jobs().create(job("timeout").timeout(Duration.ofSeconds(Long.MAX_VALUE)).build()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofHours(1)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retry.initialBackoff");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Double.NaN, Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retry.multiplier: NaN");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Double.POSITIVE_INFINITY, Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retry.multiplier");
    // the bounds themselves are accepted
    bms.jobs().create(job("ten-years").schedule(Schedule.interval(BackupJob.MAX_INTERVAL)).rpo(BackupJob.MAX_RPO)
        .timeout(BackupJob.MAX_TIMEOUT).retry(new RetryPolicy(RetryPolicy.MAX_ATTEMPTS, RetryPolicy.MAX_BACKOFF,
            RetryPolicy.MAX_MULTIPLIER, RetryPolicy.MAX_BACKOFF)).build());
  }
}
