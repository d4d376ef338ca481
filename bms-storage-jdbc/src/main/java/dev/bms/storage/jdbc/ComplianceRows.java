package dev.bms.storage.jdbc;

import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.spi.LockProof;
import dev.bms.spi.storage.DuePolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flat rows of the verification, compliance and report tables (see {@link Rows} for the approach). */
final class ComplianceRows {
  private ComplianceRows() {
  }

  /** A {@code bms_verification} row. */
  static final class VerificationRow {
    UUID id;
    UUID executionId;
    UUID jobId;
    String level;
    String trigger;
    int sampleSlice;
    int sampleOf;
    Instant startedAt;
    Instant finishedAt;
    boolean passed;

    static VerificationRow of(VerificationEvidence e) {
      Verification v = e.verification();
      VerificationRow r = new VerificationRow();
      r.id = UUID.fromString(e.id());
      r.executionId = v.executionId().value();
      r.jobId = v.jobId().value();
      r.level = v.level().name();
      r.trigger = e.trigger().name();
      r.sampleSlice = e.sample().slice();
      r.sampleOf = e.sample().of();
      r.startedAt = v.startedAt();
      r.finishedAt = v.finishedAt();
      r.passed = e.passed();
      return r;
    }

    VerificationEvidence toEvidence(List<CopyVerification> copies) {
      Verification v = new Verification(new ExecutionId(executionId), new JobId(jobId), VerificationLevel.valueOf(level),
          startedAt, finishedAt, copies);
      return new VerificationEvidence(id.toString(), v, VerificationTrigger.valueOf(trigger),
          new VerificationSample(sampleSlice, sampleOf));
    }
  }

  /** A {@code bms_verification_copy} row. */
  static final class VerificationCopyRow {
    UUID verificationId;
    int position;
    String copyName;
    String targetType;
    long filesChecked;
    long bytesChecked;
    long problemCount;
    String error;

    static VerificationCopyRow of(UUID verificationId, int position, CopyVerification c) {
      VerificationCopyRow r = new VerificationCopyRow();
      r.verificationId = verificationId;
      r.position = position;
      r.copyName = c.copyName();
      r.targetType = c.targetType();
      r.filesChecked = c.report().filesChecked();
      r.bytesChecked = c.report().bytesChecked();
      r.problemCount = c.report().problems().size();
      r.error = c.error().orElse(null);
      return r;
    }

    CopyVerification toCopy(List<IntegrityProblem> problems) {
      return new CopyVerification(copyName, targetType, new IntegrityReport(filesChecked, bytesChecked, problems),
          Optional.ofNullable(error));
    }
  }

  /** A {@code bms_verification_problem} row. */
  static final class VerificationProblemRow {
    UUID verificationId;
    int copyPosition;
    int position;
    String path;
    String kind;
    String detail;

    static VerificationProblemRow of(UUID verificationId, int copyPosition, int position, IntegrityProblem p) {
      VerificationProblemRow r = new VerificationProblemRow();
      r.verificationId = verificationId;
      r.copyPosition = copyPosition;
      r.position = position;
      r.path = p.path();
      r.kind = p.kind().name();
      r.detail = p.detail();
      return r;
    }

    IntegrityProblem toProblem() {
      return new IntegrityProblem(path, IntegrityProblem.Kind.valueOf(kind), detail);
    }
  }

  /** A {@code bms_verification_policy} row. */
  static final class VerificationPolicyRow {
    UUID jobId;
    String level;
    long everyMs;
    int sampleSlices;
    Instant dueAt;
    int nextSlice;

    VerificationPolicy toPolicy() {
      return new VerificationPolicy(VerificationLevel.valueOf(level), Duration.ofMillis(everyMs), sampleSlices);
    }

    DuePolicy toDue() {
      return new DuePolicy(new JobId(jobId), toPolicy(), dueAt, nextSlice);
    }
  }

  /** A {@code bms_compliance_policy} row. */
  static final class PolicyRow {
    UUID jobId;
    String definition;
  }

  /** A {@code bms_lock_proof} row. */
  static final class LockProofRow {
    UUID executionId;
    String copyName;
    Instant lockedUntil;
    Instant checkedAt;
    String enforcement;

    LockProof toProof() {
      return new LockProof(Optional.ofNullable(lockedUntil), checkedAt, dev.bms.spi.LockEnforcement.valueOf(enforcement));
    }
  }

  /** Executions of one status in one report bucket. */
  static final class OutcomeCountRow {
    int bucket;
    String status;
    long count;
  }

  /** Epoch seconds with microseconds, as the SQL compares them. */
  static BigDecimal epochSeconds(Instant instant) {
    Instant stored = TypeHandlers.toStored(instant);
    return BigDecimal.valueOf(stored.getEpochSecond()).add(BigDecimal.valueOf(stored.getNano(), 9));
  }
}
