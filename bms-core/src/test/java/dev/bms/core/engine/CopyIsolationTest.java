package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.VerificationLevel;
import dev.bms.plugins.filesystem.FilesystemPlugin;
import dev.bms.testkit.time.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
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
 * Each copy has its own writer thread: a target that hangs (honouring interrupts or ignoring them)
 * is failed alone at its stall timeout while a filesystem copy beside it succeeds, and the
 * execution reaches its final status within the timeout plus the documented grace (the abandon
 * grace of {@code FanOut}, 2 s, plus the final storage write; allowed 4 s here) for
 * {@code runNow}, scheduled runs, job timeouts and cancel alike. The source (8 MiB) is larger
 * than the data path's block pool (4 MiB), so the reader really waits on the stuck copy.
 */
class CopyIsolationTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
  private static final Duration STALL = Duration.ofSeconds(1);
  /** The documented grace (2 s abandon grace) plus room for the final write on a loaded machine. */
  private static final Duration GRACE = Duration.ofSeconds(4);
  private static final int BYTES = 8 * 1024 * 1024;

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  BackupManager bms;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    bms = Managers.h2(dir, clock).plugin(new FilesystemPlugin()).plugin(new HangingTargetPlugin())
        .meterRegistry(meters).copyStallTimeout(STALL)
        .leaseTimeout(Duration.ofSeconds(10)).build(); // longer than the abandon grace, in which no heartbeat goes
    bms.start();
  }

  @AfterEach
  void stop() {
    HangingTargetPlugin.releaseAll();
    bms.close();
  }

  private JobId job(String name, boolean honoursInterrupts, Schedule schedule, Duration timeout) throws Exception {
    Path root = Files.createDirectories(dir.resolve("disk-" + name));
    BackupJob.Builder b = BackupJob.builder(name).source("mem", Map.of("bytes", Integer.toString(BYTES)))
        .copy(CopySpec.target("filesystem", Map.of("root", root.toString(), "initialize", "true", "fsync", "false"))
            .named("disk"))
        .copy(CopySpec.target("hang", HangingTargetPlugin.config(name, honoursInterrupts)).named("stuck"));
    if (schedule != null) {
      b.schedule(schedule);
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    return bms.jobs().create(b.build());
  }

  private static CopyResult copy(Execution e, String name) {
    return e.copies().stream().filter(c -> c.copyName().equals(name)).findFirst().orElseThrow();
  }

  private double abandoned() {
    Counter c = meters.find("bms.copies.abandoned").tag("target", "hang").counter();
    return c == null ? 0 : c.count();
  }

  private void assertStuckFailedAloneAndHealthySucceeded(Execution done) {
    assertThat(done.status()).as(done.error().orElse("")).isEqualTo(ExecutionStatus.PARTIAL);
    CopyResult disk = copy(done, "disk");
    assertThat(disk.status()).as(disk.error().orElse("")).isEqualTo(CopyStatus.SUCCEEDED);
    assertThat(disk.bytes()).isEqualTo(BYTES);
    CopyResult stuck = copy(done, "stuck");
    assertThat(stuck.status()).isEqualTo(CopyStatus.FAILED);
    assertThat(stuck.error().orElseThrow()).contains("stalled", "copy stall timeout PT1S", "session aborted");
    assertThat(bms.verifications().verify(done.id(), VerificationLevel.CHECKSUM).copies())
        .filteredOn(v -> v.copyName().equals("disk")).singleElement()
        .satisfies(v -> assertThat(v.passed()).isTrue());
  }

  @Test
  void runNowFailsAStuckCopyThatHonoursInterruptsAloneAtItsStallTimeout() throws Exception {
    JobId id = job("honours", true, null, null);
    HangingTargetPlugin.Hang hang = HangingTargetPlugin.hang("honours");
    int probesClosed = hang.closes.get(); // job validation creates and closes a probe instance

    long t0 = System.nanoTime();
    Execution done = bms.executions().runNow(id);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertStuckFailedAloneAndHealthySucceeded(done);
    assertThat(took).isLessThan(STALL.plus(GRACE));
    assertThat(hang.interruptsSeen.get()).isEqualTo(1);
    await().until(() -> hang.aborts.get() == 1);
    assertThat(abandoned()).isZero();
    assertThat(hang.closes.get()).isEqualTo(probesClosed); // it returned: the instance is kept
  }

  @Test
  void runNowAbandonsAWriterThatIgnoresInterruptsAndAbortAndReplacesItsTarget() throws Exception {
    JobId id = job("ignores", false, null, null);
    HangingTargetPlugin.Hang hang = HangingTargetPlugin.hang("ignores");
    int probesClosed = hang.closes.get(); // job validation creates and closes a probe instance
    int created = hang.created.get();

    long t0 = System.nanoTime();
    Execution done = bms.executions().runNow(id);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertStuckFailedAloneAndHealthySucceeded(done);
    assertThat(copy(done, "stuck").error().orElseThrow()).contains("was abandoned");
    assertThat(took).isLessThan(STALL.plus(GRACE));
    assertThat(hang.writesReturned.get()).isZero(); // still stuck: the run did not wait for it
    assertThat(abandoned()).isEqualTo(1.0);
    await().until(() -> hang.closes.get() == probesClosed + 1 && hang.aborts.get() == 1);

    hang.release();
    Execution again = bms.executions().runNow(id); // on a fresh instance, which no longer hangs
    assertThat(hang.created.get()).isEqualTo(created + 2);
    assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void scheduledRunsFailTheStuckCopyAloneWhetherItHonoursInterruptsOrNot() throws Exception {
    JobId honours = job("sched-honours", true, Schedule.interval(Duration.ofHours(1)), null);
    JobId ignores = job("sched-ignores", false, Schedule.interval(Duration.ofHours(1)), null);
    await().until(() -> bms.schedules().status(honours).nextFireAt().isPresent()
        && bms.schedules().status(ignores).nextFireAt().isPresent());

    clock.advance(Duration.ofHours(1));
    assertThat(HangingTargetPlugin.hang("sched-honours").awaitBlocked()).isTrue();
    assertThat(HangingTargetPlugin.hang("sched-ignores").awaitBlocked()).isTrue();

    for (JobId id : new JobId[] {honours, ignores}) {
      await().atMost(STALL.plus(GRACE)).until(() -> Managers.executions(bms, id).stream()
          .anyMatch(e -> e.status().isTerminal()));
      assertStuckFailedAloneAndHealthySucceeded(Managers.executions(bms, id).get(0));
    }
    assertThat(abandoned()).isEqualTo(1.0);
  }

  @Test
  void aJobTimeoutEndsTheRunTimedOutEvenWhenAWriterIgnoresInterrupts() throws Exception {
    bms.close();
    bms = Managers.h2(dir, clock).plugin(new FilesystemPlugin()).plugin(new HangingTargetPlugin())
        .meterRegistry(meters).leaseTimeout(Duration.ofSeconds(10)).build(); // default stall timeout (5 min): only the job timeout can end it
    bms.start();
    JobId id = job("timeout", false, null, Duration.ofMinutes(10));
    HangingTargetPlugin.Hang hang = HangingTargetPlugin.hang("timeout");
    CompletableFuture<Execution> run = CompletableFuture.supplyAsync(() -> bms.executions().runNow(id));
    assertThat(hang.awaitBlocked()).isTrue();

    clock.advance(Duration.ofMinutes(11));

    Execution done = run.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(copy(done, "stuck").error().orElseThrow()).contains("timed out", "was abandoned");
    assertThat(copy(done, "disk").status()).isEqualTo(CopyStatus.FAILED);
    assertThat(abandoned()).isEqualTo(1.0);
  }

  @Test
  void cancelOfARunNowRunWithAStuckCopyEndsItCancelled() throws Exception {
    JobId id = job("cancel", true, null, null);
    bms.close();
    bms = Managers.h2(dir, clock).plugin(new FilesystemPlugin()).plugin(new HangingTargetPlugin())
        .meterRegistry(meters).leaseTimeout(Duration.ofSeconds(10)).build();
    bms.start();
    HangingTargetPlugin.Hang hang = HangingTargetPlugin.hang("cancel");
    CompletableFuture<Execution> run = CompletableFuture.supplyAsync(() -> bms.executions().runNow(id));
    assertThat(hang.awaitBlocked()).isTrue();
    Execution running = Managers.executions(bms, id).get(0);

    bms.executions().cancel(running.id());

    Execution done = run.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(Managers.get(bms, running.id()).status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(copy(done, "stuck").error().orElseThrow()).contains("cancelled");
    await().until(() -> hang.aborts.get() == 1);
  }
}
