package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.VerdictPage;
import java.util.List;

/**
 * Judges jobs against the 3-2-1-1-0 rule (and custom {@link dev.bms.spi.ComplianceRule}s) on facts
 * bms can prove: the newest restore point's copies, what their targets declare, retention locks read
 * back from the media, and stored verification evidence. {@code docs/compliance.md} defines every
 * rule exactly as evaluated.
 *
 * <p>Each job's latest verdict is stored. An evaluation compares its verdict with the stored one
 * and, only when they differ, stores it and publishes a
 * {@link dev.bms.api.event.ComplianceEvaluatedEvent} (so alerts follow changes of state: a rule
 * turning FAIL raises, turning PASS clears, and re-evaluating an unchanged state writes nothing).
 * A started manager whose scheduler runs re-evaluates a job within about 10 seconds after one of
 * its facts changes on that instance (an execution finished, a verification, a retention deletion,
 * the job or its policy edited) and sweeps every job a minute after start and then every 5 minutes for the facts that change with time
 * (verification windows, lock expiry). {@link #verdicts} and {@link #counts} read the stored
 * verdicts and never evaluate.
 *
 * @since 0.1.0
 */
public interface ComplianceService {

  /**
   * Evaluates one job.
   *
   * @throws NotFoundException when the job does not exist
   */
  @NotAudited("evaluation: derived verdicts, system work, not a change")
  JobCompliance evaluate(JobId jobId);

  /** Evaluates every job, in a fixed number of storage queries per 10,000 jobs; ordered by job id. */
  @NotAudited("evaluation: derived verdicts, system work, not a change")
  List<JobCompliance> evaluateAll();

  /**
   * One page of the stored verdicts, ordered by job id, with the total; each says when it was
   * computed ({@link JobCompliance#evaluatedAt()}: when that verdict was first reached, as a
   * re-evaluation that finds it unchanged does not rewrite it). Two queries; evaluates nothing.
   *
   * @throws InvalidRequestException when the cursor is not one of this listing
   */
  @NotAudited("read")
  VerdictPage verdicts(PageRequest request);

  /** Like {@link #verdicts(PageRequest)}, only jobs whose overall status is {@code status}. */
  @NotAudited("read")
  VerdictPage verdicts(ComplianceStatus status, PageRequest request);

  /**
   * The stored verdicts counted per rule (digit) and overall, in one query whatever the number of
   * jobs; evaluates nothing. Jobs never evaluated yet are not counted.
   */
  @NotAudited("read")
  ComplianceCounts counts();

  /** The policy of jobs without their own (initially {@link CompliancePolicy#defaults()}). */
  @NotAudited("read")
  CompliancePolicy defaultPolicy();

  /** Replaces the global default policy (stored, so every instance sees it). */
  @Audited(operation = "compliance.setDefaultPolicy", resource = "compliance-policy")
  void setDefaultPolicy(CompliancePolicy policy);

  /**
   * The policy a job is judged by: its own, or the default.
   *
   * @throws NotFoundException when the job does not exist
   */
  @NotAudited("read")
  CompliancePolicy policy(JobId jobId);

  /**
   * Gives one job its own thresholds.
   *
   * @throws NotFoundException when the job does not exist
   */
  @Audited(operation = "compliance.setPolicy", resource = "compliance-policy")
  void setPolicy(JobId jobId, CompliancePolicy policy);

  /** Returns a job to the default policy. Returns false when it had no policy of its own. */
  @Audited(operation = "compliance.clearPolicy", resource = "compliance-policy")
  boolean clearPolicy(JobId jobId);
}
