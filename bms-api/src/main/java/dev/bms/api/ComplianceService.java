package dev.bms.api;

import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import java.util.List;

/**
 * Judges jobs against the 3-2-1-1-0 rule (and custom {@link dev.bms.spi.ComplianceRule}s) on facts
 * bms can prove: the newest restore point's copies, what their targets declare, retention locks read
 * back from the media, and stored verification evidence. {@code docs/compliance.md} defines every
 * rule exactly as evaluated. Each evaluation publishes a
 * {@link dev.bms.api.event.ComplianceEvaluatedEvent}.
 *
 * @since 0.1.0
 */
public interface ComplianceService {

  /**
   * Evaluates one job.
   *
   * @throws NotFoundException when the job does not exist
   */
  JobCompliance evaluate(JobId jobId);

  /** Evaluates every job, in a fixed number of storage queries per 10,000 jobs; ordered by job id. */
  List<JobCompliance> evaluateAll();

  /** The policy of jobs without their own (initially {@link CompliancePolicy#defaults()}). */
  CompliancePolicy defaultPolicy();

  /** Replaces the global default policy (stored, so every instance sees it). */
  void setDefaultPolicy(CompliancePolicy policy);

  /**
   * The policy a job is judged by: its own, or the default.
   *
   * @throws NotFoundException when the job does not exist
   */
  CompliancePolicy policy(JobId jobId);

  /**
   * Gives one job its own thresholds.
   *
   * @throws NotFoundException when the job does not exist
   */
  void setPolicy(JobId jobId, CompliancePolicy policy);

  /** Returns a job to the default policy. Returns false when it had no policy of its own. */
  boolean clearPolicy(JobId jobId);
}
