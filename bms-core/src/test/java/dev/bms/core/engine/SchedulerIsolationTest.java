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
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobStatus;
import dev.bms.api.model.RetentionPolicy;
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
    assertThatThrownBy(() -> RetentionPolicy.keepWithin(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retention.keepWithin");
    assertThatThrownBy(() -> RetentionPolicy.keepLast(-1))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retention.keepLast: -1");
    // the bounds themselves are accepted
    RetentionPolicy.keepWithin(RetentionPolicy.MAX_KEEP_WITHIN);
    bms.jobs().create(job("ten-years").schedule(Schedule.interval(BackupJob.MAX_INTERVAL)).rpo(BackupJob.MAX_RPO)
        .timeout(BackupJob.MAX_TIMEOUT).retry(new RetryPolicy(RetryPolicy.MAX_ATTEMPTS, RetryPolicy.MAX_BACKOFF,
            RetryPolicy.MAX_MULTIPLIER, RetryPolicy.MAX_BACKOFF)).build());
  }

  @Test
  void jobWhosePlanningOverflowsIsSkippedWithAnAlertAndTheOthersKeepFiring() {
    // stored before bounds were enforced: written to storage directly, past validation
    Instant now = T0.truncatedTo(ChronoUnit.MICROS);
    JobId overflowingInterval = insert("overflowing-interval", Schedule.interval(Duration.ofSeconds(Long.MAX_VALUE)), null, now);
    JobId millionYears = insert("million-year-interval", Schedule.interval(Duration.ofDays(365L * 1_000_000)), null, now);
    JobId overflowingRpo = insert("overflowing-rpo", Schedule.manual(), Duration.ofSeconds(Long.MAX_VALUE), now);
    JobId millionYearRpo = insert("million-year-rpo", Schedule.manual(), Duration.ofDays(365L * 1_000_000), now);
    JobId good = bms.jobs().create(job("hourly").schedule(Schedule.interval(Duration.ofHours(1))).build());
    JobId breaching = bms.jobs().create(job("breaching").rpo(Duration.ofMinutes(30)).build());
    // the scheduler has planned the good job (status() alone would compute a next fire time itself)
    await().until(() -> storage.scheduler().orElseThrow().schedule(good).flatMap(s -> s.nextFireAt()).isPresent());

    clock.advance(Duration.ofHours(1));
    await().until(() -> Managers.executions(bms, good).stream().anyMatch(e -> e.status() == ExecutionStatus.SUCCEEDED));
    clock.advance(Duration.ofHours(1));
    await().until(() -> Managers.executions(bms, good).stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count() == 2);
    // the RPO pass goes on past the jobs whose RPO reaches beyond time
    await().until(() -> events.stream().anyMatch(e -> e instanceof RpoBreachedEvent r && r.job().id().equals(breaching)));
    assertThat(events).filteredOn(e -> e instanceof RpoBreachedEvent).map(e -> ((RpoBreachedEvent) e).job().id())
        .containsOnly(breaching);

    await().until(() -> events.stream().filter(e -> e instanceof JobSchedulingFailedEvent).count() == 3);
    assertThat(events).filteredOn(e -> e instanceof JobSchedulingFailedEvent).map(e -> ((JobSchedulingFailedEvent) e).job().name())
        .containsExactlyInAnyOrder("overflowing-interval", "million-year-interval", "overflowing-rpo");
    await().until(() -> bms.alerts().open().stream().filter(a -> a.rule().equals("scheduling-failed")).count() == 3);

    // status() answers for every job, the skipped ones with no next fire time and no breach
    for (JobId skipped : List.of(overflowingInterval, millionYears, overflowingRpo, millionYearRpo)) {
      JobStatus status = bms.schedules().status(skipped);
      assertThat(status.nextFireAt()).as("next fire of %s", skipped).isEmpty();
      assertThat(status.rpoBreached()).as("RPO breach of %s", skipped).isFalse();
    }
    assertThat(bms.schedules().status(good).nextFireAt()).contains(T0.plus(Duration.ofHours(3)));
    assertThat(bms.schedules().status(breaching).rpoBreached()).isTrue();
  }

  private JobId insert(String name, Schedule schedule, Duration rpo, Instant now) {
    BackupJob valid = job("template").build();
    JobId id = new JobId(UUID.randomUUID());
    storage.jobs().insert(new Job(id, new BackupJob(name, "", Map.of(), valid.source(), schedule, valid.misfirePolicy(),
        valid.copies(), valid.retention(), Optional.ofNullable(rpo), Optional.empty(), valid.retry(), true), 1, now, now));
    return id;
  }
}
