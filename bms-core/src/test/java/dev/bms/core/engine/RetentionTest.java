package dev.bms.core.engine;

import dev.bms.testkit.time.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDecision;
import dev.bms.api.model.RetentionDecision.Verdict;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPlan;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.core.internal.verify.VerificationPolicyRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention through the API on H2 with an injected clock: preview, apply, per-copy policies, the safety rules. */
class RetentionTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(T0);
  BackupManager bms;
  VerificationPolicyRunner policies;

  @BeforeEach
  void start() {
    EngineTestPlugin.reset();
    dev.bms.core.internal.DefaultBackupManager internals =
        (dev.bms.core.internal.DefaultBackupManager) Managers.h2(dir, clock).build();
    bms = internals;
    policies = internals.internal(VerificationPolicyRunner.class);
    bms.start();
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  /** Four daily restore points, oldest first. */
  private List<Execution> fourDailyRuns(JobId id) {
    List<Execution> runs = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      Execution run = bms.executions().runNow(id);
      assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      runs.add(run);
      clock.advance(Duration.ofDays(1));
    }
    return runs;
  }

  /**
   * Sets the policy under test once the runs are made: jobs are created keeping everything, since
   * every successful run (run-now included) applies the job's retention itself.
   */
  private void retain(JobId id, RetentionPolicy policy, Map<String, RetentionPolicy> perCopy) {
    dev.bms.api.model.Job job = bms.jobs().require(id);
    BackupJob.Builder b = job.definition().toBuilder().retention(policy).clearCopies();
    for (CopySpec c : job.definition().copies()) {
      b.copy(perCopy.containsKey(c.name()) ? c.withRetention(perCopy.get(c.name())) : c);
    }
    bms.jobs().update(id, job.version(), b.build());
  }

  private static Verdict verdict(RetentionPlan plan, Execution e, String copy) {
    return plan.decisions().stream().filter(d -> d.executionId().equals(e.id()) && d.copyName().equals(copy))
        .map(RetentionDecision::verdict).findFirst().orElseThrow();
  }

  @Test
  void previewDeletesNothingAndApplyDeletesExactlyWhatItListedWithTheRule() {
    JobId id = bms.jobs().create(BackupJob.builder("kept-two").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "nas")).named("nas"))
        .copy(CopySpec.target("mem", Map.of("store", "cloud")).named("cloud"))
        .build());
    List<Execution> runs = fourDailyRuns(id); // now = T0 + 4 days
    retain(id, RetentionPolicy.keepLast(2), Map.of("cloud", RetentionPolicy.keepWithin(Duration.ofDays(3))));

    RetentionPlan plan = bms.retention().preview(id);
    assertThat(EngineTestPlugin.COPIES).hasSize(8); // nothing deleted by the preview
    // nas: keepLast(2) keeps runs 3 and 4; run 2 expires; run 1 is not verified, but the newest fully
    // successful point (run 4) stands in for the verified one, so run 1 expires too
    assertThat(verdict(plan, runs.get(3), "nas")).isEqualTo(Verdict.KEEP);
    assertThat(verdict(plan, runs.get(2), "nas")).isEqualTo(Verdict.KEEP);
    assertThat(verdict(plan, runs.get(1), "nas")).isEqualTo(Verdict.DELETE);
    assertThat(verdict(plan, runs.get(0), "nas")).isEqualTo(Verdict.DELETE);
    // cloud: its own policy, keep within 3 days: runs 2, 3, 4 (created 3, 2, 1 days ago... run 2 exactly 3 days: expired)
    assertThat(verdict(plan, runs.get(2), "cloud")).isEqualTo(Verdict.KEEP);
    assertThat(verdict(plan, runs.get(1), "cloud")).isEqualTo(Verdict.DELETE);
    assertThat(plan.toDelete()).hasSize(4)
        .allSatisfy(d -> assertThat(d.reason()).startsWith("expired: no rule of {"));

    List<RetentionDeletion> deleted = bms.retention().apply(id);
    assertThat(deleted).hasSize(4).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(RetentionDeletion.Outcome.DELETED));
    assertThat(deleted).extracting(RetentionDeletion::location)
        .containsExactlyInAnyOrderElementsOf(plan.toDelete().stream().map(d -> d.location().orElseThrow()).toList());
    assertThat(deleted).filteredOn(d -> d.copyName().equals("nas"))
        .allSatisfy(d -> assertThat(d.rule()).isEqualTo("expired: no rule of {keepLast=2} keeps it"));
    assertThat(EngineTestPlugin.COPIES).hasSize(4);
    assertThat(bms.retention().deletions(id, 10)).hasSize(4);
    // deleted copies are no longer restore points: a second pass finds nothing more
    assertThat(bms.retention().preview(id).toDelete()).isEmpty();
    assertThat(bms.retention().apply(id)).isEmpty();
  }

  @Test
  void lastVerifiedGoodRestorePointIsNeverDeleted() {
    JobId id = bms.jobs().create(BackupJob.builder("verified").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "nas")).named("nas"))
        .build());
    List<Execution> runs = fourDailyRuns(id);
    assertThat(bms.verifications().verify(runs.get(0).id(), VerificationLevel.CHECKSUM).passed()).isTrue();
    retain(id, RetentionPolicy.keepLast(1), Map.of());

    RetentionPlan plan = bms.retention().preview(id);
    assertThat(verdict(plan, runs.get(3), "nas")).isEqualTo(Verdict.KEEP);
    assertThat(verdict(plan, runs.get(2), "nas")).isEqualTo(Verdict.DELETE);
    assertThat(verdict(plan, runs.get(1), "nas")).isEqualTo(Verdict.DELETE);
    assertThat(verdict(plan, runs.get(0), "nas")).isEqualTo(Verdict.PROTECTED);

    bms.retention().apply(id);
    assertThat(bms.verifications().verify(runs.get(0).id(), VerificationLevel.CHECKSUM).passed()).isTrue();
    // a newer verified point takes over the protection; the old one may then expire
    assertThat(bms.verifications().verify(runs.get(3).id(), VerificationLevel.CHECKSUM).passed()).isTrue();
    RetentionPlan later = bms.retention().preview(id);
    assertThat(verdict(later, runs.get(0), "nas")).isEqualTo(Verdict.DELETE);
  }

  @Test
  void aPolicyRunVerificationProtectsItsPointButAPassedSampleDoesNot() {
    JobId full = bms.jobs().create(BackupJob.builder("policy-full").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "full")).named("nas"))
        .build());
    JobId sampled = bms.jobs().create(BackupJob.builder("policy-sampled").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "sampled")).named("nas"))
        .build());
    Execution fullFirst = bms.executions().runNow(full);
    Execution sampledFirst = bms.executions().runNow(sampled);
    bms.verifications().setPolicy(full, VerificationPolicy.every(Duration.ofDays(30), VerificationLevel.CHECKSUM));
    bms.verifications().setPolicy(sampled,
        VerificationPolicy.every(Duration.ofDays(30), VerificationLevel.CHECKSUM).sampled(2));
    // the scheduled verifications check each job's only (newest) restore point, not through verify()
    List<VerificationEvidence> ran = policies.runDue(clock.instant());
    assertThat(ran).hasSize(2).allSatisfy(e -> assertThat(e.passed()).isTrue());
    clock.advance(Duration.ofDays(1));
    List<Execution> fullLater = fourDailyRuns(full);
    for (int i = 0; i < 4; i++) {
      bms.executions().runNow(sampled);
    }
    retain(full, RetentionPolicy.keepLast(1), Map.of());
    retain(sampled, RetentionPolicy.keepLast(1), Map.of());

    RetentionPlan plan = bms.retention().preview(full);
    assertThat(verdict(plan, fullFirst, "nas")).isEqualTo(Verdict.PROTECTED);
    assertThat(verdict(plan, fullLater.get(3), "nas")).isEqualTo(Verdict.KEEP);
    assertThat(verdict(plan, fullLater.get(0), "nas")).isEqualTo(Verdict.DELETE);
    // half the files checked is not a verified restore point: the newest good point stands in
    assertThat(verdict(bms.retention().preview(sampled), sampledFirst, "nas")).isEqualTo(Verdict.DELETE);
  }

  @Test
  void immutableCopiesAreSkippedAndRecordedUntilTheirLockEnds() {
    long lockFrom = T0.getEpochSecond();
    JobId id = bms.jobs().create(BackupJob.builder("locked").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "worm", "lockSeconds", String.valueOf(Duration.ofDays(30).toSeconds()),
            "lockFrom", String.valueOf(lockFrom))).named("worm"))
        .build());
    List<Execution> runs = fourDailyRuns(id);
    retain(id, RetentionPolicy.keepLast(1), Map.of());
    RetentionPlan plan = bms.retention().preview(id);
    assertThat(verdict(plan, runs.get(1), "worm")).isEqualTo(Verdict.LOCKED);

    List<RetentionDeletion> first = bms.retention().apply(id);
    assertThat(first).extracting(RetentionDeletion::outcome).containsOnly(RetentionDeletion.Outcome.LOCKED);
    assertThat(EngineTestPlugin.COPIES).hasSize(4);
    assertThat(bms.retention().apply(id)).isEmpty(); // recorded once, not on every pass

    clock.advance(Duration.ofDays(30)); // the locks end; the target still refuses (it proves the lock itself)
    List<RetentionDeletion> after = bms.retention().apply(id);
    assertThat(after).isNotEmpty().extracting(RetentionDeletion::outcome).containsOnly(RetentionDeletion.Outcome.LOCKED);
  }

  @Test
  void engineAppliesRetentionAfterEachSuccessfulRun() {
    JobId id = bms.jobs().create(BackupJob.builder("auto").source("mem", Map.of())
        .copy(CopySpec.target("mem", Map.of("store", "nas")).named("nas"))
        .retention(RetentionPolicy.keepLast(2))
        .build());
    for (int i = 0; i < 4; i++) {
      Execution run = bms.executions().submit(id);
      await().until(() -> Managers.get(bms, run.id()).status() == ExecutionStatus.SUCCEEDED);
      clock.advance(Duration.ofHours(1));
    }
    await().until(() -> EngineTestPlugin.COPIES.size() == 2);
    assertThat(bms.retention().deletions(id, 10)).hasSize(2);
  }
}
