package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateGaugesTest {
  @TempDir
  Path dir;

  @Test
  void stateGaugesAreRightAfterARestart() throws Exception {
    Path src = TestBms.sampleTree(dir.resolve("src"));
    JobId ok;
    try (BackupManager first = TestBms.started(dir, new SimpleMeterRegistry())) {
      ok = first.jobs().create(BackupJob.builder("good")
          .source("directory", Map.of("path", src.toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))))
          .build());
      JobId bad = first.jobs().create(BackupJob.builder("bad")
          .source("directory", Map.of("path", src.toString()))
          .copy(CopySpec.target("failing", Map.of()))
          .build());
      first.jobs().create(BackupJob.builder("idle").copy(CopySpec.target("failing", Map.of())).build());
      first.executions().runNow(ok);
      first.executions().runNow(bad);
    }

    // A new instance, a fresh registry, a clock one hour later: nothing in memory survived.
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    try (BackupManager second = TestBms.builder(dir, registry).clock(later).jobMetricTags(JobMetricTags.perJob())
        .build()) {
      second.start();
      assertThat(registry.get("bms.jobs").tag("status", "SUCCEEDED").gauge().value()).isEqualTo(1);
      assertThat(registry.get("bms.jobs").tag("status", "FAILED").gauge().value()).isEqualTo(1);
      assertThat(registry.get("bms.jobs").tag("status", "NEVER_RUN").gauge().value()).isEqualTo(1);
      double age = registry.get("bms.job.last.success.age").tag("job", "good").gauge().value();
      assertThat(age).isBetween(3500.0, 3700.0);
      assertThat(registry.find("bms.job.last.success.age").tag("job", "bad").gauge()).isNull();
      assertThat(registry.get("bms.executions.queued").gauge().value()).isZero();
      assertThat(registry.get("bms.scheduler.lag").gauge().value()).isZero();
      assertThat(registry.get("bms.cache.up").gauge().value()).isEqualTo(1);
    }

    // Without job tags (the default) the age is one series: the oldest last success.
    SimpleMeterRegistry bounded = new SimpleMeterRegistry();
    try (BackupManager third = TestBms.builder(dir, bounded).clock(later).build()) {
      third.start();
      assertThat(bounded.get("bms.job.last.success.age").gauges()).singleElement()
          .satisfies(g -> assertThat(g.getId().getTags()).isEmpty())
          .satisfies(g -> assertThat(g.value()).isBetween(3500.0, 3700.0));
    }
  }
}
