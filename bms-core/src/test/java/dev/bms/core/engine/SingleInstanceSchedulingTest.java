package dev.bms.core.engine;

import dev.bms.testkit.time.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobStatus;
import dev.bms.api.model.MisfirePolicy;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.DefaultBackupManager;
import dev.bms.core.internal.engine.ExecutionEngine;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on the embedded H2 default, one instance, with an injected clock: the poller runs
 * for real (every 20 ms) and the test moves time. Every wait is on stored state (the scheduler's own
 * plan, the execution rows) with a generous bound, and "not yet" is checked after the poller has
 * provably completed a whole pass at the new time, never after some wall time: on a loaded machine
 * a pass may take long, but it is never skipped.
 */
class SingleInstanceSchedulingTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  final List<BmsEvent> events = new CopyOnWriteArrayList<>();
  Storage storage;
  BackupManager bms;
  ExecutionEngine engine;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    storage = JdbcStorage.embedded(dir.resolve("db"));
    // leases are wall time (the database clock): nothing here tests them, and the engine tests'
    // 1 s lease expires under a loaded CI machine whenever a worker stalls for a second, turning a
    // FAILED or SUCCEEDED run into ABANDONED
    bms = Managers.h2(dir, clock).storage(storage).misfireThreshold(Duration.ofMinutes(1))
        .rpoCheckInterval(Duration.ofMinutes(1)).leaseTimeout(Duration.ofMinutes(5)).build();
    engine = ((DefaultBackupManager) bms).internal(ExecutionEngine.class);
    bms.subscribe(events::add);
    bms.start();
  }

  /** Waits for a condition with a bound generous enough for a loaded 2-core machine. */
  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20));
  }

  /** The next fire time the scheduler stored for the job (not status()'s own computation). */
  private Optional<Instant> plannedFire(JobId id) {
    return storage.scheduler().orElseThrow().schedule(id).flatMap(s -> s.nextFireAt());
  }

  /**
   * Returns once the poller has completed a whole pass that began after this call: everything due
   * by the clock as it is now has been synced, fired, timed out, claimed and RPO-checked.
   */
  private void awaitFullPass() {
    long seen = engine.completedPasses();
    await().until(() -> engine.completedPasses() >= seen + 2);
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private static BackupJob.Builder job(String name) {
    return BackupJob.builder(name).source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", name)).named("mem"));
  }

  private List<Execution> runs(JobId id) {
    return Managers.executions(bms, id).stream().sorted(Comparator.comparing(Execution::createdAt).thenComparing(Execution::attempt)).toList();
  }

  @Test
  void intervalJobFiresOncePerSlotOnH2() {
    JobId id = bms.jobs().create(job("every-hour").schedule(Schedule.interval(Duration.ofHours(1))).build());
    await().until(() -> plannedFire(id).isPresent());
    assertThat(plannedFire(id)).contains(T0.plus(Duration.ofHours(1)));

    for (int h = 1; h <= 3; h++) {
      clock.advance(Duration.ofHours(1));
      int expected = h;
      await().until(() -> runs(id).stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count() == expected);
    }
    List<Execution> runs = runs(id);
    assertThat(runs).hasSize(3).allSatisfy(e -> assertThat(e.trigger()).isEqualTo(ExecutionTrigger.SCHEDULE));
    assertThat(runs).extracting(e -> e.scheduledFor().orElseThrow())
        .containsExactly(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)));
    assertThat(runs).allSatisfy(e -> assertThat(e.owner()).contains("h2"));
  }

  @Test
  void cronFiresAtLocalTimesAcrossBothDstChanges() {
    // 02:30 Berlin does not exist on 2025-03-30 (clocks jump 02:00 -> 03:00): runs at 03:30 CEST;
    // on 2025-10-26 it exists twice: runs once, at the first one (CEST)
    clock.set(Instant.parse("2025-03-28T12:00:00Z"));
    JobId id = bms.jobs().create(job("nightly")
        .schedule(Schedule.cron("30 2 * * *", ZoneId.of("Europe/Berlin"))).build());
    List<Instant> expected = List.of(
        Instant.parse("2025-03-29T01:30:00Z"),  // 02:30 CET
        Instant.parse("2025-03-30T01:30:00Z"),  // 03:30 CEST, after the gap
        Instant.parse("2025-03-31T00:30:00Z")); // 02:30 CEST
    await().until(() -> plannedFire(id).isPresent());
    for (int day = 1; day <= 3; day++) {
      clock.advance(Duration.ofDays(1));
      int n = day;
      await().until(() -> runs(id).stream().filter(e -> e.status().isTerminal()).count() == n);
    }
    assertThat(runs(id)).extracting(e -> e.scheduledFor().orElseThrow()).containsExactlyElementsOf(expected);

    bms.jobs().update(id, bms.jobs().require(id).version(), bms.jobs().require(id).definition()); // keeps the schedule
    clock.set(Instant.parse("2025-10-25T12:00:00Z"));
    bms.jobs().update(id, bms.jobs().require(id).version(), bms.jobs().require(id).definition().toBuilder()
        .schedule(Schedule.cron("30 2 * * *", ZoneId.of("Europe/Berlin"))).description("autumn").build());
    await().until(() -> plannedFire(id).filter(t -> t.equals(Instant.parse("2025-10-26T00:30:00Z"))).isPresent());
    clock.advance(Duration.ofDays(2)); // 2025-10-27T12:00Z: the fires of the 26th and 27th are due (misfire: late)
    await().until(() -> plannedFire(id).filter(t -> t.equals(Instant.parse("2025-10-28T01:30:00Z"))).isPresent());
  }

  @Test
  void catchUpOnceRunsOnceForEveryMissedFireAndSkipRunsNone() {
    JobId catchUp = bms.jobs().create(job("catch-up").schedule(Schedule.interval(Duration.ofHours(1)))
        .misfirePolicy(MisfirePolicy.CATCH_UP_ONCE).build());
    JobId skip = bms.jobs().create(job("skip").schedule(Schedule.interval(Duration.ofHours(1)))
        .misfirePolicy(MisfirePolicy.SKIP).build());
    await().until(() -> plannedFire(skip).isPresent() && plannedFire(catchUp).isPresent());

    // no instance fired anything for 5.5 hours: 5 fire times are older than the 1 min threshold
    clock.advance(Duration.ofMinutes(330));
    await().until(() -> events.stream().filter(e -> e instanceof ScheduleMissedEvent).count() == 9);

    await().until(() -> runs(catchUp).size() == 1 && runs(catchUp).get(0).status() == ExecutionStatus.SUCCEEDED);
    assertThat(runs(catchUp).get(0).scheduledFor()).contains(T0.plus(Duration.ofHours(5)));
    awaitFullPass();
    assertThat(runs(skip)).isEmpty();
    assertThat(runs(catchUp)).hasSize(1);
    List<ScheduleMissedEvent> missed = events.stream().filter(e -> e instanceof ScheduleMissedEvent)
        .map(ScheduleMissedEvent.class::cast).toList();
    assertThat(missed.stream().filter(e -> e.job().id().equals(skip))).extracting(ScheduleMissedEvent::scheduledFor)
        .containsExactlyInAnyOrder(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)),
            T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(5)));
    assertThat(missed.stream().filter(e -> e.job().id().equals(catchUp))).hasSize(4);

    JobStatus status = bms.schedules().status(skip);
    assertThat(status.missedFires()).hasSize(5);
    assertThat(status.healthy()).isFalse();
    assertThat(status.nextFireAt()).contains(T0.plus(Duration.ofHours(6)));
    // the catch-up run covers its missed fires: they no longer count against the job
    assertThat(bms.schedules().status(catchUp).missedFires()).isEmpty();
  }

  @Test
  void executionPastItsTimeoutIsStoppedAsTimedOut() {
    JobId id = bms.jobs().create(job("slow").source("mem", Map.of("behavior", "ENDLESS"))
        .timeout(Duration.ofMinutes(10)).build());
    Execution pending = bms.executions().submit(id);
    await().until(() -> Managers.get(bms, pending.id()).status() == ExecutionStatus.RUNNING
        && Managers.get(bms, pending.id()).progressBytes() > 0);
    clock.advance(Duration.ofMinutes(9));
    awaitFullPass();
    assertThat(Managers.get(bms, pending.id()).status()).isEqualTo(ExecutionStatus.RUNNING);

    clock.advance(Duration.ofMinutes(2));
    await().until(() -> Managers.get(bms, pending.id()).status() == ExecutionStatus.TIMED_OUT);
    Execution done = Managers.get(bms, pending.id());
    assertThat(done.error().orElseThrow()).startsWith("timed out");
    assertThat(done.copies()).allSatisfy(c -> assertThat(c.succeeded()).isFalse());
    assertThat(EngineTestPlugin.COPIES).isEmpty();
  }

  @Test
  void cancelStopsARunningExecutionAndDropsAPendingOne() {
    JobId id = bms.jobs().create(job("cancel-me").source("mem", Map.of("behavior", "ENDLESS")).build());
    Execution first = bms.executions().submit(id);
    await().until(() -> Managers.get(bms, first.id()).progressBytes() > 0);
    // one claimed execution per job at a time: the second waits
    Execution second = bms.executions().submit(id);
    awaitFullPass();
    assertThat(Managers.get(bms, second.id()).status()).isEqualTo(ExecutionStatus.PENDING);
    // at most one queued submission per job (issue 11.7)
    assertThatThrownBy(() -> bms.executions().submit(id)).isInstanceOf(dev.bms.api.ConflictException.class)
        .hasMessageContaining("already has a queued run");

    Execution cancelledPending = bms.executions().cancel(second.id());
    assertThat(cancelledPending.status()).isEqualTo(ExecutionStatus.CANCELLED);

    bms.executions().cancel(first.id());
    await().until(() -> Managers.get(bms, first.id()).status() == ExecutionStatus.CANCELLED);
    assertThat(Managers.get(bms, first.id()).error()).contains("cancelled on request");
    // the worker publishes the finished event after it stored the status
    await().until(() -> events.stream().filter(e -> e instanceof ExecutionFinishedEvent f
        && f.execution().status() == ExecutionStatus.CANCELLED).count() == 2);
  }

  @Test
  void failedCopyIsRetriedAloneAfterExponentialBackoff() {
    JobId id = bms.jobs().create(BackupJob.builder("flaky").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "solid")).named("solid"))
        .copy(CopySpec.target("mem", Map.of("store", "flaky", "failTimes", "2")).named("flaky"))
        .retry(RetryPolicy.exponential(3, Duration.ofMinutes(10), Duration.ofHours(1)))
        .build());
    Execution first = bms.executions().submit(id);
    await().until(() -> Managers.get(bms, first.id()).status() == ExecutionStatus.PARTIAL);
    await().until(() -> runs(id).size() == 2);
    Execution retry = runs(id).get(1);
    assertThat(retry.trigger()).isEqualTo(ExecutionTrigger.RETRY);
    assertThat(retry.attempt()).isEqualTo(2);
    // due after 10 minutes of the injected clock, not before
    assertThat(retry.status()).isEqualTo(ExecutionStatus.PENDING);
    clock.advance(Duration.ofMinutes(9));
    awaitFullPass();
    assertThat(Managers.get(bms, retry.id()).status()).isEqualTo(ExecutionStatus.PENDING);

    clock.advance(Duration.ofMinutes(1));
    await().until(() -> Managers.get(bms, retry.id()).status() == ExecutionStatus.FAILED);
    await().until(() -> runs(id).size() == 3);
    Execution third = runs(id).get(2);
    assertThat(third.attempt()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(19)); // second backoff is 20 minutes
    awaitFullPass();
    assertThat(Managers.get(bms, third.id()).status()).isEqualTo(ExecutionStatus.PENDING);
    clock.advance(Duration.ofMinutes(1));
    await().until(() -> Managers.get(bms, third.id()).status() == ExecutionStatus.SUCCEEDED);
    // only the failed copy was written again
    assertThat(Managers.get(bms, third.id()).copies()).extracting(c -> c.copyName()).containsExactly("flaky");
    assertThat(Managers.get(bms, first.id()).copy("solid").orElseThrow().succeeded()).isTrue();
    assertThat(runs(id)).hasSize(3);
  }

  @Test
  void rpoBreachIsPublishedOncePerCheckAndShownInTheStatus() {
    JobId id = bms.jobs().create(job("needs-rpo").rpo(Duration.ofHours(2)).build());
    await().until(() -> bms.schedules().status(id).rpo().isPresent());
    assertThat(bms.schedules().status(id).rpoBreached()).isFalse();

    clock.advance(Duration.ofHours(3));
    await().until(() -> events.stream().anyMatch(e -> e instanceof RpoBreachedEvent));
    RpoBreachedEvent breach = (RpoBreachedEvent) events.stream().filter(e -> e instanceof RpoBreachedEvent).findFirst().orElseThrow();
    assertThat(breach.job().id()).isEqualTo(id);
    assertThat(breach.lastSuccessAt()).isEmpty();
    assertThat(bms.schedules().status(id).rpoBreached()).isTrue();
    // within the same check interval: published once
    awaitFullPass();
    assertThat(events).filteredOn(e -> e instanceof RpoBreachedEvent).hasSize(1);

    Execution run = bms.executions().submit(id);
    await().until(() -> Managers.get(bms, run.id()).status() == ExecutionStatus.SUCCEEDED);
    assertThat(bms.schedules().status(id).rpoBreached()).isFalse();
    assertThat(bms.schedules().status(id).healthy()).isTrue();
  }

  @Test
  void closeDrainsThenMarksStillRunningExecutionsInterrupted() {
    BackupManager quick = Managers.h2(dir.resolve("drain"), clock).drainTimeout(Duration.ofMillis(200)).build();
    quick.start();
    JobId id = quick.jobs().create(job("endless").source("mem", Map.of("behavior", "ENDLESS")).build());
    Execution run = quick.executions().submit(id);
    await().until(() -> Managers.get(quick, run.id()).progressBytes() > 0);
    quick.close();

    BackupManager reopened = Managers.h2(dir.resolve("drain"), clock).scheduler(false).build();
    reopened.start();
    try {
      Execution after = Managers.get(reopened, run.id());
      assertThat(after.status()).isEqualTo(ExecutionStatus.INTERRUPTED);
      assertThat(after.error().orElseThrow()).contains("drain timeout");
    } finally {
      reopened.close();
    }
  }
}
