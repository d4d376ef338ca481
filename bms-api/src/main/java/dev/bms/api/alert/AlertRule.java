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
  RTO_AT_RISK("rto-at-risk", Severity.WARNING),
  /**
   * A finished execution wrote far more or far less than its job's baseline for that weekday; the
   * next execution within the baseline resolves it.
   *
   * @since 0.3.0
   */
  SIZE_ANOMALY("size-anomaly", Severity.WARNING),
  /**
   * A finished execution held far more or far fewer files than its job's baseline; the next
   * execution within the baseline resolves it.
   *
   * @since 0.3.0
   */
  FILE_COUNT_ANOMALY("file-count-anomaly", Severity.WARNING),
  /**
   * A finished execution took far longer than its job's baseline; the next execution within the
   * baseline resolves it.
   *
   * @since 0.3.0
   */
  DURATION_ANOMALY("duration-anomaly", Severity.WARNING),
  /**
   * An execution claimed success with zero bytes or zero files (a reported one, or a managed one of a
   * job that usually writes data); the next non-empty success resolves it.
   *
   * @since 0.3.0
   */
  EMPTY_SUCCESS("empty-success", Severity.WARNING),
  /**
   * A managed run changed or removed far more of the previous restore point's files than the job
   * usually does, without further ransomware evidence; the next ordinary run resolves it.
   *
   * @since 0.3.0
   */
  MASS_CHANGE("mass-change", Severity.WARNING),
  /**
   * Files of a managed run gained extensions the job never had (names of the previous restore point
   * with a new extension appended or swapped); the next ordinary run resolves it.
   *
   * @since 0.3.0
   */
  UNUSUAL_EXTENSIONS("unusual-extensions", Severity.WARNING),
  /**
   * Ransomware evidence in a managed run: new or changed content that looks encrypted, or mass change
   * together with unusual extensions. It inhibits the size, file-count, mass-change and
   * unusual-extension alerts of the same run, is never resolved by a later run (encrypted data
   * backed up again looks unchanged), and while it is open retention of the job is paused when the
   * {@link AnomalyPolicy} says so. An operator resolves it with {@code alerts().resolve}.
   *
   * @since 0.3.0
   */
  RANSOMWARE_SUSPECTED("ransomware-suspected", Severity.CRITICAL),
  /**
   * Forecast: a job's durations grow steadily and will exceed its backup window or timeout within
   * the forecast horizon; an execution whose forecast no longer says so resolves it.
   *
   * @since 0.3.0
   */
  DURATION_TREND("duration-trend", Severity.WARNING),
  /**
   * Forecast: a job's recent success rate (or that of its copies to one target) fell well below its
   * longer-term rate; an execution after which it no longer has resolves it.
   *
   * @since 0.3.0
   */
  SUCCESS_RATE_DRIFT("success-rate-drift", Severity.WARNING),
  /**
   * Forecast: the next expected success of a job cannot land inside its RPO, or one more failed run
   * would breach it; an execution after which the next run fits again resolves it.
   *
   * @since 0.3.0
   */
  RPO_AT_RISK("rpo-at-risk", Severity.WARNING),
  /**
   * Forecast: a target's free space shrinks at a rate that fills it within the forecast horizon
   * (targets that report their capacity); an execution whose forecast no longer says so resolves it.
   *
   * @since 0.3.0
   */
  TARGET_SPACE_FORECAST("target-space-forecast", Severity.WARNING);

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
