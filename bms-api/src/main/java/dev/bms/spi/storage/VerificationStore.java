package dev.bms.spi.storage;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification evidence (what was checked, when, how, with every problem per copy) and the
 * per-job verification policies with their due times. Evidence and policies are deleted with their
 * job; evidence also with its execution.
 *
 * @since 0.1.0
 */
public interface VerificationStore {

  /** Stores one verification with its per-copy results and problems, in one transaction. */
  void insert(VerificationEvidence evidence);

  /** A job's stored verifications, newest first (by finish time, then id). */
  List<VerificationEvidence> forJob(JobId jobId, int limit);

  /**
   * The newest verification of each of the given jobs at each level, with copies and problems, in a
   * fixed number of queries whatever the number of jobs. Jobs never verified are absent.
   */
  Map<JobId, Map<VerificationLevel, VerificationEvidence>> latestByJob(Collection<JobId> jobIds);

  /**
   * The job's newest restore point (by its execution's creation time) that a full verification
   * proved good: its newest full (unsampled) verification, at any level, passed on every copy it
   * checked, and no later verification of it failed. A passed sample proves too little to count; a
   * failed one (like a failed full verification) disqualifies the point until a later full one
   * passes. One query.
   */
  Optional<ExecutionId> newestVerifiedRestorePoint(JobId jobId);

  /**
   * Sets a job's policy, first due at {@code firstDueAt}; replacing a policy keeps its slice rotation.
   *
   * @throws dev.bms.api.NotFoundException when the job does not exist
   */
  void putPolicy(JobId jobId, VerificationPolicy policy, Instant firstDueAt);

  /** A job's policy. */
  Optional<VerificationPolicy> policy(JobId jobId);

  /** Removes a job's policy; false when it had none. */
  boolean deletePolicy(JobId jobId);

  /** Policies due at {@code now} (due time at or before it), most overdue first, at most {@code limit}. */
  List<DuePolicy> duePolicies(Instant now, int limit);

  /**
   * Claims one run of a due policy: moves its due time from {@code expectedDueAt} to
   * {@code nextDueAt} and its slice on, only if nobody else did (compare-and-set), so one instance
   * runs it.
   *
   * @return false when another instance claimed it first or the policy changed
   */
  boolean claimPolicyRun(JobId jobId, Instant expectedDueAt, Instant nextDueAt, int nextSlice);
}
