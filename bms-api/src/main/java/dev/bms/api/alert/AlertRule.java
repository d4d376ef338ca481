package dev.bms.api.alert;

import dev.bms.api.model.Severity;
import java.util.Arrays;
import java.util.Optional;

/**
 * The conditions bms raises alerts for, each with its id (used in labels, routes and per-job
 * severity labels) and default severity.
 *
 * @since 0.1.0
 */
public enum AlertRule {
  /** An execution ended FAILED, TIMED_OUT, ABANDONED or INTERRUPTED; a later success resolves it. */
  EXECUTION_FAILED("execution-failed", Severity.CRITICAL),
  /** The last N executions of a job all failed (N = {@link AlertingConfig#consecutiveFailures()}). */
  CONSECUTIVE_FAILURES("consecutive-failures", Severity.CRITICAL),
  /** An execution was PARTIAL: some copies failed; a fully successful execution resolves it. */
  COPY_FAILED("copy-failed", Severity.WARNING),
  /** Copies to one target failed for several jobs: the target itself is failing. */
  TARGET_FAILING("target-failing", Severity.CRITICAL),
  /** A job has no successful backup within its RPO; a later success resolves it. */
  RPO_BREACHED("rpo-breached", Severity.CRITICAL),
  /** A scheduled fire produced no execution; a later success resolves it. */
  SCHEDULE_MISSED("schedule-missed", Severity.WARNING),
  /** A compliance rule failed for a job; the rule passing resolves it. */
  COMPLIANCE_FAILED("compliance-failed", Severity.WARNING),
  /** A verification of a restore point failed; a passing verification resolves it. */
  VERIFICATION_FAILED("verification-failed", Severity.CRITICAL),
  /**
   * The scheduler could not plan a job, which is skipped meanwhile (other jobs keep firing); a
   * later success of the job resolves it.
   */
  SCHEDULING_FAILED("scheduling-failed", Severity.CRITICAL),
  /** A restore ended FAILED or TIMED_OUT; a later successful restore of the job resolves it. */
  RESTORE_FAILED("restore-failed", Severity.CRITICAL),
  /**
   * The measured time to restore a job's newest restore point exceeds its RTO target; evidence
   * that it fits again (a faster restore, a raised target) resolves it.
   */
  RTO_AT_RISK("rto-at-risk", Severity.WARNING);

  private final String id;
  private final Severity defaultSeverity;

  AlertRule(String id, Severity defaultSeverity) {
    this.id = id;
    this.defaultSeverity = defaultSeverity;
  }

  /** The rule's id, e.g. {@code "execution-failed"}. */
  public String id() {
    return id;
  }

  /** Its severity unless configured otherwise. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The rule with this id. */
  public static Optional<AlertRule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
