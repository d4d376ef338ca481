package dev.bms.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.Mdc;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.time.MutableClock;
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
import org.slf4j.LoggerFactory;

/**
 * The engine's logs about one job or execution carry its ids in the MDC ({@code bms.job},
 * {@code bms.execution}), on whichever thread they are written: a claimed run's finish and lost
 * lease, and the scheduler's per-job logs.
 */
class EngineLogContextTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

  /** A log line as written, with the MDC of the thread that wrote it. */
  record Line(String logger, Level level, String message, Map<String, String> mdc) {
  }

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  final List<Line> lines = new CopyOnWriteArrayList<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  final Logger recorder = (Logger) LoggerFactory.getLogger("dev.bms.core.internal.execution.ExecutionRecorder");
  AppenderBase<ILoggingEvent> capture;
  Storage storage;
  BackupManager bms;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        lines.add(new Line(e.getLoggerName(), e.getLevel(), e.getFormattedMessage(), Map.copyOf(e.getMDCPropertyMap())));
      }
    };
    capture.start();
    root.addAppender(capture);
    recorder.setLevel(Level.INFO); // the finish line is INFO
    storage = JdbcStorage.embedded(dir.resolve("db"));
    bms = Managers.h2(dir, clock).storage(storage).build();
    bms.start();
  }

  @AfterEach
  void stop() {
    bms.close();
    root.detachAppender(capture);
    recorder.setLevel(null);
  }

  private JobId job(String name, Map<String, String> source) {
    return bms.jobs().create(BackupJob.builder(name).source("mem", source)
        .copy(CopySpec.target("mem", Map.of("store", name)).named("mem")).build());
  }

  private Line awaitLine(String fragment) {
    await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.message().contains(fragment)));
    return lines.stream().filter(l -> l.message().contains(fragment)).findFirst().orElseThrow();
  }

  @Test
  void finishOfAClaimedRunIsLoggedWithItsJobAndExecution() {
    JobId id = job("finishing", Map.of());
    Execution queued = bms.executions().submit(id);
    await().until(() -> Managers.get(bms, queued.id()).status() == ExecutionStatus.SUCCEEDED);

    Line finished = awaitLine("Execution " + queued.id() + " of job 'finishing' SUCCEEDED");
    assertThat(finished.mdc()).containsEntry(Mdc.JOB, id.toString()).containsEntry(Mdc.EXECUTION, queued.id().toString())
        .containsEntry(Mdc.JOB_NAME, "finishing");
  }

  @Test
  void lostLeaseOfAClaimedRunIsLoggedWithItsJobAndExecution() throws Exception {
    // the gate holds the run without progress: no heartbeat renews its lease, another pass marks it ABANDONED
    JobId id = job("stalled", Map.of("behavior", "GATED", "gate", "stall", "bytes", "4096"));
    Execution queued = bms.executions().submit(id);
    assertThat(EngineTestPlugin.gate("stall").awaitReached(30)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> Managers.get(bms, queued.id()).status() == ExecutionStatus.ABANDONED);

    EngineTestPlugin.gate("stall").open();

    Line lost = awaitLine("Execution " + queued.id() + " lost its lease");
    assertThat(lost.level()).isEqualTo(Level.WARN);
    assertThat(lost.mdc()).containsEntry(Mdc.JOB, id.toString()).containsEntry(Mdc.EXECUTION, queued.id().toString())
        .containsEntry(Mdc.JOB_NAME, "stalled");
  }

  @Test
  void schedulerLogsAboutOneJobCarryItsId() {
    // stored past validation (as before the bounds): its planning overflows, the scheduler skips it
    Instant now = T0.truncatedTo(ChronoUnit.MICROS);
    BackupJob valid = BackupJob.builder("template").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "x"))).build();
    JobId id = new JobId(UUID.randomUUID());
    storage.jobs().insert(new Job(id, new BackupJob("unplannable", "", Map.of(), valid.source(),
        Schedule.interval(Duration.ofSeconds(Long.MAX_VALUE)), valid.misfirePolicy(), valid.copies(), valid.retention(),
        Optional.empty(), Optional.empty(), valid.retry(), true), 1, now, now));

    Line skipped = awaitLine("Job 'unplannable' skipped by the scheduler");
    assertThat(skipped.mdc()).containsEntry(Mdc.JOB, id.toString()).containsEntry(Mdc.JOB_NAME, "unplannable")
        .doesNotContainKey(Mdc.EXECUTION);
  }
}
