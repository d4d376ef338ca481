package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Proves restore points: re-reads what targets hold and compares it with the manifest bms recorded
 * when it wrote them (bms is the catalog; a target cannot vouch for itself). Every verification is
 * stored as {@link VerificationEvidence}, feeds the "0 errors" compliance digit and publishes a
 * {@link dev.bms.api.event.VerificationFinishedEvent}.
 *
 * @since 0.1.0
 */
public interface VerificationService {

  /**
   * Verifies every successful copy of a finished managed execution, stores the evidence and
   * returns it.
   *
   * @throws NotFoundException when the execution does not exist
   * @throws InvalidRequestException when it has no restore point (failed, running) or no recorded
   *     manifest (reported executions: bms did not see the files)
   */
  @Audited(operation = "verifications.verify", resource = "execution")
  Verification verify(ExecutionId executionId, VerificationLevel level);

  /**
   * The stored verifications of a job, newest first.
   *
   * @param limit 1 to 10,000
   */
  @NotAudited("read")
  List<VerificationEvidence> history(JobId jobId, int limit);

  /**
   * Sets the job's periodic verification (e.g. restore-test the newest backup weekly), run by the
   * manager's background work once started.
   *
   * @throws NotFoundException when the job does not exist
   */
  @Audited(operation = "verifications.setPolicy", resource = "verification-policy")
  void setPolicy(JobId jobId, VerificationPolicy policy);

  /** The job's verification policy, if it has one. */
  @NotAudited("read")
  Optional<VerificationPolicy> policy(JobId jobId);

  /** Removes the job's verification policy. Returns false when it had none. */
  @Audited(operation = "verifications.clearPolicy", resource = "verification-policy")
  boolean clearPolicy(JobId jobId);
}
