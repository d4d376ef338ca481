package dev.bms.spi.storage;

import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.spi.LockProof;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compliance policies, retention-lock proofs, and the batch read compliance evaluates from.
 *
 * @since 0.1.0
 */
public interface ComplianceStore {

  /** The stored global default policy, if one was set. */
  Optional<CompliancePolicy> defaultPolicy();

  /** Stores the global default policy. */
  void putDefaultPolicy(CompliancePolicy policy);

  /** A job's own policy. */
  Optional<CompliancePolicy> policy(JobId jobId);

  /**
   * Gives a job its own policy.
   *
   * @throws dev.bms.api.NotFoundException when the job does not exist
   */
  void putPolicy(JobId jobId, CompliancePolicy policy);

  /** Removes a job's own policy; false when it had none. */
  boolean deletePolicy(JobId jobId);

  /**
   * Records the retention lock of a copy as read back from its medium (replacing an older reading).
   * Ignored when the execution no longer exists.
   */
  void recordLockProof(ExecutionId executionId, String copyName, LockProof proof);

  /**
   * Everything compliance reads for these jobs, in one transaction and a fixed number of queries
   * whatever the number of jobs: their own policies, the default policy, each job's newest restore
   * point with copy results, the lock proofs of those copies, and the newest verification per level.
   */
  ComplianceInputs inputs(Collection<JobId> jobIds);

  /**
   * The stored verdicts of these jobs (jobs without one are absent), with each job's current name.
   * One query whatever the number of jobs.
   */
  Map<JobId, JobCompliance> verdicts(Collection<JobId> jobIds);

  /**
   * Stores these verdicts, each replacing its job's previous one, in one transaction and a fixed
   * number of batched statements. Verdicts of jobs that no longer exist are skipped.
   */
  void putVerdicts(Collection<JobCompliance> verdicts);

  /**
   * One page of stored verdicts ordered by job id, of every job or only of jobs with this overall
   * status.
   *
   * @throws dev.bms.api.InvalidRequestException when the cursor is not one of this listing
   */
  Page<JobCompliance> listVerdicts(Optional<ComplianceStatus> status, PageRequest request);

  /** How many stored verdicts there are (with this overall status, when given). One query. */
  long countVerdicts(Optional<ComplianceStatus> status);

  /** Stored verdicts counted per rule and status, and per overall status. One query. */
  List<VerdictCount> verdictCounts();
}
