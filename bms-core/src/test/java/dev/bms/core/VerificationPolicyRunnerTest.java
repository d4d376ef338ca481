package dev.bms.core;

import dev.bms.testkit.time.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.core.internal.verify.VerificationPolicyRunner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-job verification policy: due times, one claim per run, and sampling that covers every file within n runs. */
class VerificationPolicyRunnerTest {
  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  BackupManager bms;
  VerificationPolicyRunner runner;
  JobId job;

  @BeforeEach
  void start() throws Exception {
    dev.bms.core.internal.DefaultBackupManager internals =
        (dev.bms.core.internal.DefaultBackupManager) TestBms.builder(dir, new SimpleMeterRegistry()).clock(clock).build();
    bms = internals;
    runner = internals.internal(VerificationPolicyRunner.class);
    bms.start();
    Path src = Files.createDirectories(dir.resolve("src"));
    for (int i = 0; i < 30; i++) {
      Files.writeString(src.resolve("file-" + i + ".txt"), "content " + i);
    }
    job = bms.jobs().create(BackupJob.builder("sampled").source("directory", Map.of("path", src.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))).named("disk")).build());
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  @Test
  void aWeeklySampledRestoreTestChecksEveryFileWithinThreeRuns() {
    Execution run = bms.executions().runNow(job);
    bms.verifications().setPolicy(job, VerificationPolicy.every(Duration.ofDays(7), VerificationLevel.RESTORE_TEST).sampled(3));
    assertThat(bms.verifications().policy(job)).isPresent();

    List<VerificationEvidence> runs = new ArrayList<>();
    for (int week = 0; week < 3; week++) {
      List<VerificationEvidence> done = runner.runDue(clock.instant());
      assertThat(done).as("week " + week).hasSize(1);
      assertThat(runner.runDue(clock.instant())).as("not due twice").isEmpty();
      runs.addAll(done);
      clock.advance(Duration.ofDays(7));
    }

    assertThat(runs).extracting(VerificationEvidence::sample)
        .containsExactly(new VerificationSample(0, 3), new VerificationSample(1, 3), new VerificationSample(2, 3));
    assertThat(runs).allSatisfy(e -> {
      assertThat(e.trigger()).isEqualTo(VerificationTrigger.POLICY);
      assertThat(e.verification().level()).isEqualTo(VerificationLevel.RESTORE_TEST);
      assertThat(e.verification().executionId()).isEqualTo(run.id());
      assertThat(e.passed()).isTrue();
      assertThat(e.verification().copies().get(0).report().filesChecked()).isLessThan(30);
    });
    // the slices partition the files: together the three runs checked each of the 30 exactly once
    assertThat(runs.stream().mapToLong(e -> e.verification().copies().get(0).report().filesChecked()).sum()).isEqualTo(30);
    assertThat(bms.verifications().history(job, 10)).hasSize(3);
    // the fourth run starts the rotation again
    assertThat(runner.runDue(clock.instant())).extracting(VerificationEvidence::sample)
        .containsExactly(new VerificationSample(0, 3));
  }

  @Test
  void aJobWithoutRestorePointIsSkippedUntilItsNextDueTime() {
    bms.verifications().setPolicy(job, VerificationPolicy.every(Duration.ofDays(1), VerificationLevel.CHECKSUM));
    assertThat(runner.runDue(clock.instant())).isEmpty();
    bms.executions().runNow(job);
    assertThat(runner.runDue(clock.instant())).as("not due again yet").isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(runner.runDue(clock.instant())).singleElement().satisfies(e -> {
      assertThat(e.sample().full()).isTrue();
      assertThat(e.verification().copies().get(0).report().filesChecked()).isEqualTo(30);
    });
    assertThat(bms.verifications().clearPolicy(job)).isTrue();
    clock.advance(Duration.ofDays(1));
    assertThat(runner.runDue(clock.instant())).isEmpty();
  }
}
