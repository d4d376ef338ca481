package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.bms.api.BackupManager;
import dev.bms.api.LifecycleException;
import dev.bms.api.StorageException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start()} is all or nothing and can be retried; lifecycle misuse is a {@link LifecycleException}. */
class StartAndCloseTest {
  @TempDir
  Path dir;

  @Test
  void aStorageThatFailsToStartLeavesTheManagerUnstartedAndStartCanBeRetried() throws Exception {
    JdbcStorage storage = spy(JdbcStorage.embedded(dir.resolve("db")));
    doThrow(new StorageException("database not reachable (simulated)", null)).doCallRealMethod().when(storage).start();
    try (BackupManager bms = builder(storage, "retry").build()) {
      assertThatThrownBy(bms::start).isInstanceOf(StorageException.class).hasMessageContaining("simulated");
      assertThatThrownBy(() -> bms.jobs().get(new JobId(UUID.randomUUID())))
          .isInstanceOf(LifecycleException.class).hasMessageContaining("start()");

      bms.start();

      JobId id = bms.jobs().create(job());
      assertThat(bms.jobs().get(id)).isPresent();
    }
  }

  @Test
  void aFailureAfterThreadsStartedStopsThemAndStartCanBeRetried() {
    JdbcStorage storage = spy(JdbcStorage.embedded(dir.resolve("db")));
    // the scheduler is the last thing start() starts: gauges, verification and alert threads run by then
    // (only the engine's first call fails: gauges refreshed earlier in start() read the queue through it too)
    java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
    org.mockito.Mockito.doAnswer(call -> {
      boolean fromEngine = StackWalker.getInstance()
          .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("dev.bms.core.internal.engine.")));
      if (fromEngine && thrown.compareAndSet(false, true)) {
        throw new StorageException("scheduler store unavailable (simulated)", null);
      }
      return call.callRealMethod();
    }).when(storage).scheduler();
    try (BackupManager bms = builder(storage, "undo").build()) {
      assertThatThrownBy(bms::start).isInstanceOf(StorageException.class).hasMessageContaining("simulated");
      await().atMost(Duration.ofSeconds(10)).until(() -> threadsOf("undo").isEmpty());
      assertThatThrownBy(() -> bms.jobs().create(job())).isInstanceOf(LifecycleException.class);

      bms.start();

      assertThat(threadsOf("undo")).anyMatch(name -> name.startsWith("bms-undo-scheduler"))
          .anyMatch(name -> name.equals("bms-undo-gauges"));
      assertThat(bms.jobs().get(bms.jobs().create(job()))).isPresent();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> threadsOf("undo").isEmpty());
  }

  @Test
  void misuseOfAClosedManagerIsALifecycleException() {
    BackupManager bms = builder(JdbcStorage.embedded(dir.resolve("db")), "closed").build();
    bms.start();
    bms.start(); // idempotent once started
    bms.close();
    bms.close(); // idempotent
    assertThatThrownBy(bms::start).isInstanceOf(LifecycleException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> bms.jobs().create(job())).isInstanceOf(LifecycleException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> bms.executions().get(new dev.bms.api.model.ExecutionId(UUID.randomUUID())))
        .isInstanceOf(LifecycleException.class);
  }

  private BmsBuilder builder(JdbcStorage storage, String instanceId) {
    return Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry()).instanceId(instanceId)
        .pollInterval(Duration.ofMillis(200));
  }

  private BackupJob job() {
    return BackupJob.builder("job-" + UUID.randomUUID().toString().substring(0, 8))
        .source("directory", Map.of("path", dir.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("target"))))
        .build();
  }

  private static List<String> threadsOf(String instanceId) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("bms-" + instanceId + "-")).toList();
  }
}
