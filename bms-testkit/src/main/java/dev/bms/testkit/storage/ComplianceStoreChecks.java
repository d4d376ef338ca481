package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.NotFoundException;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ImmutabilityPolicy;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.spi.LockProof;
import dev.bms.spi.storage.ComplianceInputs;
import dev.bms.spi.storage.DuePolicy;
import dev.bms.spi.storage.OutcomeCount;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Storage#verifications()}, {@link Storage#compliance()} and
 * {@link Storage#reports()}: verification evidence round trips with every problem, policies,
 * due-policy claims, lock proofs, the batch compliance read, and outcome counts per bucket.
 * A group of {@link StorageCompatibilityKit}, skipped (as an aborted test) for a storage without
 * these three capabilities.
 */
public abstract class ComplianceStoreChecks extends StoreChecks {
  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.VERIFICATIONS, StorageCapability.COMPLIANCE, StorageCapability.REPORTS);
  }

  private Execution run(JobId job, ExecutionStatus status, Instant at) {
    Execution e = execution(job, status, at);
    storage.executions().insert(e);
    return e;
  }

  private static VerificationEvidence evidence(Execution e, VerificationLevel level, Instant at, boolean corrupt) {
    List<IntegrityProblem> problems = corrupt
        ? List.of(new IntegrityProblem("a/b/big.bin", IntegrityProblem.Kind.CHECKSUM_MISMATCH, "expected x, found y"),
            new IntegrityProblem("gone.txt", IntegrityProblem.Kind.MISSING, "not found in copy"))
        : List.of();
    Verification v = new Verification(e.id(), e.jobId(), level, at, at.plusSeconds(5), List.of(
        new CopyVerification("nas", "filesystem", new IntegrityReport(4, 4096, problems), Optional.empty()),
        new CopyVerification("cloud", "s3", new IntegrityReport(0, 0, List.of()), Optional.of("unreachable"))));
    return new VerificationEvidence(UUID.randomUUID().toString(), v, VerificationTrigger.POLICY,
        new VerificationSample(1, 3));
  }

  @Test
  void verificationEvidenceRoundTripsWithEveryProblem() {
    Job job = job("verified");
    Execution e = run(job.id(), ExecutionStatus.SUCCEEDED, T0);
    VerificationEvidence older = evidence(e, VerificationLevel.CHECKSUM, T0.plusSeconds(100), false);
    VerificationEvidence newer = evidence(e, VerificationLevel.CHECKSUM, T0.plusSeconds(200), true);
    storage.verifications().orElseThrow().insert(older);
    storage.verifications().orElseThrow().insert(newer);

    List<VerificationEvidence> history = storage.verifications().orElseThrow().forJob(job.id(), 10);

    assertThat(history).containsExactly(newer, older);
    assertThat(history.get(0).verification().copies().get(0).report().problems())
        .extracting(IntegrityProblem::path).containsExactly("a/b/big.bin", "gone.txt");
    assertThat(storage.verifications().orElseThrow().forJob(job.id(), 1)).containsExactly(newer);
  }

  @Test
  void latestVerificationPerJobAndLevel() {
    Job a = job("a");
    Job b = job("b");
    Job never = job("never");
    Execution ea = run(a.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution eb = run(b.id(), ExecutionStatus.SUCCEEDED, T0);
    VerificationEvidence a1 = evidence(ea, VerificationLevel.CHECKSUM, T0.plusSeconds(10), true);
    VerificationEvidence a2 = evidence(ea, VerificationLevel.CHECKSUM, T0.plusSeconds(20), false);
    VerificationEvidence a3 = evidence(ea, VerificationLevel.RESTORE_TEST, T0.plusSeconds(15), true);
    VerificationEvidence b1 = evidence(eb, VerificationLevel.RESTORE_TEST, T0.plusSeconds(10), false);
    List.of(a1, a2, a3, b1).forEach(storage.verifications().orElseThrow()::insert);

    var latest = storage.verifications().orElseThrow().latestByJob(List.of(a.id(), b.id(), never.id()));

    assertThat(latest).containsOnlyKeys(a.id(), b.id());
    assertThat(latest.get(a.id())).containsEntry(VerificationLevel.CHECKSUM, a2)
        .containsEntry(VerificationLevel.RESTORE_TEST, a3);
    assertThat(latest.get(b.id())).containsOnlyKeys(VerificationLevel.RESTORE_TEST);
  }

  private static VerificationEvidence outcome(Execution e, Instant at, boolean passed, VerificationSample sample) {
    Verification v = new Verification(e.id(), e.jobId(), VerificationLevel.CHECKSUM, at, at.plusSeconds(1), List.of(
        new CopyVerification("nas", "filesystem", new IntegrityReport(1, 10, passed ? List.of()
            : List.of(new IntegrityProblem("f", IntegrityProblem.Kind.MISSING, "gone"))), Optional.empty())));
    return new VerificationEvidence(UUID.randomUUID().toString(), v, VerificationTrigger.MANUAL, sample);
  }

  @Test
  void newestVerifiedRestorePointCountsOnlyFullPassesNotOverturnedLater() {
    Job job = job("kept");
    Job other = job("other");
    Execution old = run(job.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution mid = run(job.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(100));
    Execution young = run(job.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(200));
    Execution foreign = run(other.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(300));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).isEmpty();

    storage.verifications().orElseThrow().insert(outcome(old, T0.plusSeconds(1000), true, VerificationSample.FULL));
    storage.verifications().orElseThrow().insert(outcome(foreign, T0.plusSeconds(1000), true, VerificationSample.FULL));
    // a passed sample of a newer point proves only a slice of it
    storage.verifications().orElseThrow().insert(outcome(young, T0.plusSeconds(1100), true, new VerificationSample(0, 4)));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(old.id());

    // the newer point passes in full, then a later full check finds it damaged: back to the old one
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1200), true, VerificationSample.FULL));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(mid.id());
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1300), false, VerificationSample.FULL));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(old.id());
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1400), true, VerificationSample.FULL));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(mid.id());
    // a failed sample proves damage too; a passed sample after it does not repair the point, a full pass does
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1500), false, new VerificationSample(1, 4)));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(old.id());
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1600), true, new VerificationSample(2, 4)));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(old.id());
    storage.verifications().orElseThrow().insert(outcome(mid, T0.plusSeconds(1700), true, VerificationSample.FULL));
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(job.id())).contains(mid.id());
    assertThat(storage.verifications().orElseThrow().newestVerifiedRestorePoint(other.id())).contains(foreign.id());
  }

  @Test
  void verificationPoliciesAreDueAndClaimedOnce() {
    Job job = job("weekly");
    VerificationPolicy weekly = VerificationPolicy.every(Duration.ofDays(7), VerificationLevel.RESTORE_TEST).sampled(4);
    storage.verifications().orElseThrow().putPolicy(job.id(), weekly, T0);

    assertThat(storage.verifications().orElseThrow().policy(job.id())).contains(weekly);
    assertThat(storage.verifications().orElseThrow().duePolicies(T0.minusSeconds(1), 10)).isEmpty();
    List<DuePolicy> due = storage.verifications().orElseThrow().duePolicies(T0, 10);
    assertThat(due).containsExactly(new DuePolicy(job.id(), weekly, T0, 0));

    Instant next = T0.plus(Duration.ofDays(7));
    assertThat(storage.verifications().orElseThrow().claimPolicyRun(job.id(), T0, next, 1)).isTrue();
    assertThat(storage.verifications().orElseThrow().claimPolicyRun(job.id(), T0, next, 1)).as("second claim").isFalse();
    assertThat(storage.verifications().orElseThrow().duePolicies(next, 10)).containsExactly(new DuePolicy(job.id(), weekly, next, 1));

    assertThat(storage.verifications().orElseThrow().deletePolicy(job.id())).isTrue();
    assertThat(storage.verifications().orElseThrow().deletePolicy(job.id())).isFalse();
    assertThat(storage.verifications().orElseThrow().policy(job.id())).isEmpty();
    assertThatThrownBy(() -> storage.verifications().orElseThrow().putPolicy(new JobId(UUID.randomUUID()), weekly, T0))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void compliancePoliciesPerJobAndDefault() {
    Job job = job("policy");
    CompliancePolicy strict = CompliancePolicy.defaults().withDistinctFailureDomains(true)
        .withImmutability(ImmutabilityPolicy.IMMUTABLE_ONLY).withRestorePointMaxAge(Duration.ofHours(26))
        .withVerification(VerificationLevel.RESTORE_TEST, Duration.ofDays(30));
    assertThat(storage.compliance().orElseThrow().defaultPolicy()).isEmpty();
    storage.compliance().orElseThrow().putDefaultPolicy(CompliancePolicy.defaults().withMinCopies(2));
    storage.compliance().orElseThrow().putDefaultPolicy(CompliancePolicy.defaults().withMinCopies(4));
    storage.compliance().orElseThrow().putPolicy(job.id(), strict);

    assertThat(storage.compliance().orElseThrow().defaultPolicy()).contains(CompliancePolicy.defaults().withMinCopies(4));
    assertThat(storage.compliance().orElseThrow().policy(job.id())).contains(strict);
    assertThat(storage.compliance().orElseThrow().deletePolicy(job.id())).isTrue();
    assertThat(storage.compliance().orElseThrow().policy(job.id())).isEmpty();
    assertThatThrownBy(() -> storage.compliance().orElseThrow().putPolicy(new JobId(UUID.randomUUID()), strict))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void inputsHoldEachJobsNewestRestorePointWithLockProofs() {
    Job a = job("inputs-a");
    Job b = job("inputs-b");
    Job none = job("inputs-none");
    run(a.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution partial = run(a.id(), ExecutionStatus.PARTIAL, T0.plusSeconds(100));
    run(a.id(), ExecutionStatus.FAILED, T0.plusSeconds(200));
    Execution bPoint = run(b.id(), ExecutionStatus.SUCCEEDED, T0);
    run(none.id(), ExecutionStatus.FAILED, T0);
    LockProof proof = new LockProof(Optional.of(T0.plus(Duration.ofDays(30))), T0.plusSeconds(101),
        dev.bms.spi.LockEnforcement.ENFORCED);
    storage.compliance().orElseThrow().recordLockProof(partial.id(), "nas", new LockProof(Optional.empty(), T0));
    storage.compliance().orElseThrow().recordLockProof(partial.id(), "nas", proof);
    storage.compliance().orElseThrow().recordLockProof(new dev.bms.api.model.ExecutionId(UUID.randomUUID()), "nas", proof);
    storage.compliance().orElseThrow().putPolicy(b.id(), CompliancePolicy.defaults().withMinCopies(2));
    VerificationEvidence v = evidence(bPoint, VerificationLevel.CHECKSUM, T0.plusSeconds(5), false);
    storage.verifications().orElseThrow().insert(v);

    ComplianceInputs in = storage.compliance().orElseThrow().inputs(List.of(a.id(), b.id(), none.id()));

    assertThat(in.restorePoints()).containsOnlyKeys(a.id(), b.id());
    assertThat(in.restorePoints().get(a.id())).isEqualTo(partial);
    assertThat(in.restorePoints().get(a.id()).copies()).hasSize(2);
    assertThat(in.lockProofs()).containsOnlyKeys(partial.id());
    assertThat(in.lockProofs().get(partial.id())).containsExactlyEntriesOf(java.util.Map.of("nas", proof));
    assertThat(in.policies()).containsOnlyKeys(b.id());
    assertThat(in.verifications().get(b.id())).containsEntry(VerificationLevel.CHECKSUM, v);
    assertThat(in.defaultPolicy()).isEmpty();
  }

  @Test
  void deletingAJobDeletesItsEvidenceAndPolicies() {
    Job job = job("deleted");
    Execution e = run(job.id(), ExecutionStatus.SUCCEEDED, T0);
    storage.verifications().orElseThrow().insert(evidence(e, VerificationLevel.CHECKSUM, T0, true));
    storage.verifications().orElseThrow().putPolicy(job.id(), VerificationPolicy.every(Duration.ofDays(1), VerificationLevel.CHECKSUM), T0);
    storage.compliance().orElseThrow().putPolicy(job.id(), CompliancePolicy.defaults());
    storage.compliance().orElseThrow().recordLockProof(e.id(), "nas", new LockProof(Optional.empty(), T0));

    assertThat(storage.jobs().delete(job.id())).isTrue();

    assertThat(storage.verifications().orElseThrow().forJob(job.id(), 10)).isEmpty();
    assertThat(storage.verifications().orElseThrow().duePolicies(T0.plusSeconds(1), 10)).isEmpty();
    assertThat(storage.compliance().orElseThrow().inputs(List.of(job.id())).policies()).isEmpty();
  }

  @Test
  void outcomeCountsPerBucketFromTheStartOfTheRange() {
    Job job = job("outcomes");
    // execution(...) finishes 60 s after creation
    Instant from = T0;
    run(job.id(), ExecutionStatus.SUCCEEDED, from.minusSeconds(61));              // finished before the range
    run(job.id(), ExecutionStatus.SUCCEEDED, from.minusSeconds(60));              // finished exactly at from
    run(job.id(), ExecutionStatus.FAILED, from.plusSeconds(3600));
    run(job.id(), ExecutionStatus.SUCCEEDED, from.plus(Duration.ofDays(1)).minusSeconds(61)); // last micro of day 0 + 1 s
    run(job.id(), ExecutionStatus.PARTIAL, from.plus(Duration.ofDays(1)).minusSeconds(60));   // first of day 1
    run(job.id(), ExecutionStatus.RUNNING, from.plusSeconds(10));                 // not terminal
    run(job.id(), ExecutionStatus.SUCCEEDED, from.plus(Duration.ofDays(2)).minusSeconds(60)); // at to: excluded

    List<OutcomeCount> counts = storage.reports().orElseThrow().outcomeCounts(from, from.plus(Duration.ofDays(2)), Duration.ofDays(1));

    assertThat(counts).containsExactlyInAnyOrder(
        new OutcomeCount(0, ExecutionStatus.SUCCEEDED, 2),
        new OutcomeCount(0, ExecutionStatus.FAILED, 1),
        new OutcomeCount(1, ExecutionStatus.PARTIAL, 1));
  }
}
