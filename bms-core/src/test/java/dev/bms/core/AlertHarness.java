package dev.bms.core;

import dev.bms.testkit.time.MutableClock;
import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.alert.AlertEngine;
import dev.bms.core.internal.event.EventBus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A started manager on H2 with a hand-moved clock, the in-test notifiers and the failing target,
 * plus its event bus and alert engine (through the Guice module, as a Guice user would).
 */
final class AlertHarness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-02T07:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final TestNotifiers notifiers = new TestNotifiers();
  final Path dir;
  final Path source;
  final BackupManager bms;
  final EventBus events;
  final AlertEngine engine;

  AlertHarness(Path dir, AlertingConfig config) throws IOException {
    this.dir = dir;
    this.source = TestBms.sampleTree(dir.resolve("src"));
    dev.bms.core.internal.DefaultBackupManager internals =
        (dev.bms.core.internal.DefaultBackupManager) TestBms.builder(dir, registry)
        .clock(clock)
        .plugin(notifiers)
        .alerting(config)
        .build();
    bms = internals;
    events = internals.internal(EventBus.class);
    engine = internals.internal(AlertEngine.class);
    bms.start();
  }

  /** Defaults for tests: send at once, quick retries, ticks only when the test calls them. */
  static AlertingConfig.Builder config() {
    return AlertingConfig.builder()
        .groupWindow(Duration.ZERO)
        .retries(3, Duration.ofMillis(50))
        // long enough that a recording notifier never times out on a loaded machine (a timeout
        // retries, and the retry would be a second delivery)
        .deliveryTimeout(Duration.ofSeconds(30))
        .evaluationInterval(Duration.ofHours(1))
        .rateLimit(1000, Duration.ofMinutes(1))
        // every test job writes to the same failing target; target-failing is tested on its own
        .targetFailingJobs(1000);
  }

  /** A managed job whose only copy fails: every runNow ends FAILED. */
  JobId failingJob(String name, Map<String, String> labels) {
    return bms.jobs().create(BackupJob.builder(name).labels(labels)
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("failing", Map.of()).named("broken"))
        .build());
  }

  /** A managed job with a good and a failing copy: every runNow ends PARTIAL. */
  JobId partialJob(String name) {
    return bms.jobs().create(BackupJob.builder(name)
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("ok-" + name))).named("good"))
        .copy(CopySpec.target("failing", Map.of("failAfterBytes", "10")).named("broken"))
        .build());
  }

  /** A reported job (an external tool backs it up) with one copy named "main". */
  JobId reportedJob(String name, Map<String, String> labels) {
    return bms.jobs().create(BackupJob.builder(name).labels(labels)
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("rep-" + name))).named("main"))
        .build());
  }

  /** The job's open alerts of one rule. */
  List<Alert> open(JobId job, String rule) {
    return bms.alerts().open().stream()
        .filter(a -> a.jobId().equals(java.util.Optional.of(job)) && a.rule().equals(rule)).toList();
  }

  /**
   * Waits (up to a generous bound) until the dispatch queues are provably drained: nothing grouped,
   * queued, being sent or waiting for a retry. After it, "nothing (more) was sent" is a fact, not
   * a guess about how long delivery takes.
   */
  void awaitDeliveries() throws InterruptedException {
    if (!engine.awaitIdle(Duration.ofSeconds(30))) {
      throw new AssertionError("notification dispatch still busy after 30 s");
    }
  }

  double counter(String name, String... tags) {
    var search = registry.find(name).tags(tags);
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Override
  public void close() {
    bms.close();
  }
}
