package dev.bms.api.approval;

/**
 * A destructive change that four-eyes approval can guard. Each names the service operation it
 * intercepts and when that call counts as the action (some calls are guarded only when they reduce
 * protection, compared with what is stored).
 *
 * @since 0.2.0
 */
public enum GuardedAction {
  /** {@code jobs.delete}: deleting a job (and its execution history). */
  DELETE_JOB("jobs.delete"),
  /**
   * {@code retention.apply}: deleting restore points now. bms has no call that deletes one restore
   * point; retention applied on request is the call that deletes them. (Retention bms applies on its
   * own after a run, by the policy already approved, is not a call and is never held.)
   */
  DELETE_RESTORE_POINTS("retention.apply"),
  /**
   * {@code jobs.update} that shortens retention: for a copy that stays, any count of its effective
   * retention ({@code keepLast}, {@code daily}, {@code weekly}, {@code monthly}, {@code yearly}) or
   * its {@code keepWithin} is lowered, or a policy that kept everything now expires points.
   */
  SHORTEN_RETENTION("jobs.update"),
  /**
   * {@code jobs.update} that removes or shortens immutability: a copy whose target locks what it
   * writes ({@code BackupTarget.capabilities().immutable()} or a positive
   * {@code BackupTarget.lockPeriod()}) is removed, stops locking, or locks for less time.
   */
  REDUCE_IMMUTABILITY("jobs.update"),
  /** {@code verifications.clearPolicy} of a job that has a verification policy. */
  DISABLE_VERIFICATION("verifications.clearPolicy"),
  /**
   * {@code alerts.silence} that can mute critical alerts (its matchers have no {@code bms.severity}
   * key, or it is {@code CRITICAL}) for longer than {@link FourEyesPolicy#criticalSilenceThreshold()}
   * from now.
   */
  LONG_CRITICAL_SILENCE("alerts.silence"),
  /**
   * {@code alerts.resolve} of an open {@code ransomware-suspected} alert: it lifts the job's retention
   * pause, so retention may delete the last clean restore points it kept.
   *
   * @since 0.3.0
   */
  CLEAR_RANSOMWARE_SIGNAL("alerts.resolve"),
  /**
   * {@code jobs.update} that stops the job's retention pausing while a ransomware alert is open: the
   * job label {@code bms.anomaly.pause-retention} becomes {@code false} where the label or the
   * {@code AnomalyPolicy} paused it before.
   *
   * @since 0.3.0
   */
  DISABLE_RANSOMWARE_PAUSE("jobs.update");

  private final String operation;

  GuardedAction(String operation) {
    this.operation = operation;
  }

  /** The audited operation this action intercepts, e.g. {@code jobs.delete}. */
  public String operation() {
    return operation;
  }
}
