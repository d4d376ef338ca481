package dev.bms.api.alert;

/**
 * The kinds of anomaly bms finds in a finished execution, and of forecasts it makes from the job's
 * history when an execution finishes, each with the alert rule that reports it.
 *
 * @since 0.3.0
 */
public enum FindingKind {
  /** Bytes far outside the job's baseline (both directions). */
  SIZE(AlertRule.SIZE_ANOMALY),
  /** File count far outside the job's baseline (both directions). */
  FILE_COUNT(AlertRule.FILE_COUNT_ANOMALY),
  /** Duration far above the job's baseline. */
  DURATION(AlertRule.DURATION_ANOMALY),
  /** Success claimed with zero bytes or zero files. */
  EMPTY_SUCCESS(AlertRule.EMPTY_SUCCESS),
  /** Far more of the previous restore point's files changed or removed than usual (managed runs). */
  MASS_CHANGE(AlertRule.MASS_CHANGE),
  /** Files whose names gained extensions the job never had (managed runs). */
  UNUSUAL_EXTENSIONS(AlertRule.UNUSUAL_EXTENSIONS),
  /** New or changed content that looks encrypted, far above the job's usual share (managed runs). */
  ENCRYPTED_CONTENT(AlertRule.RANSOMWARE_SUSPECTED),
  /**
   * Forecast: the job's durations grow steadily and, at that growth, will exceed its backup window
   * or timeout soon.
   *
   * @since 0.3.0
   */
  DURATION_TREND(AlertRule.DURATION_TREND),
  /**
   * Forecast: the job's recent success rate fell well below its longer-term rate (the job, or with
   * {@link Finding#subject()} naming a target, the job's copies to that target).
   *
   * @since 0.3.0
   */
  SUCCESS_RATE_DRIFT(AlertRule.SUCCESS_RATE_DRIFT),
  /**
   * Forecast: the job's next expected success cannot land inside its RPO (or one more failed run
   * would breach it), before the RPO is actually breached.
   *
   * @since 0.3.0
   */
  RPO_AT_RISK(AlertRule.RPO_AT_RISK),
  /**
   * Forecast: the free space of a target the job writes to ({@link Finding#subject()}) shrinks at a
   * rate that fills it soon.
   *
   * @since 0.3.0
   */
  TARGET_SPACE(AlertRule.TARGET_SPACE_FORECAST);

  private final AlertRule rule;

  FindingKind(AlertRule rule) {
    this.rule = rule;
  }

  /** The rule that raises an alert for a finding of this kind on its own. */
  public AlertRule rule() {
    return rule;
  }

  /**
   * The ids of the rules that report findings (each kind's, and {@code ransomware-suspected}), e.g.
   * for {@code AlertFilter.withRules}.
   *
   * @since 0.3.0
   */
  public static java.util.Set<String> ruleIds() {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (FindingKind k : values()) {
      ids.add(k.rule.id());
    }
    ids.add(AlertRule.RANSOMWARE_SUSPECTED.id());
    return java.util.Collections.unmodifiableSet(ids);
  }

  /** True for the forecasts: trouble expected later rather than found in the execution itself. */
  public boolean forecast() {
    return this == DURATION_TREND || this == SUCCESS_RATE_DRIFT || this == RPO_AT_RISK || this == TARGET_SPACE;
  }

  /** True for the kinds read from the data path that count as ransomware evidence. */
  public boolean ransomwareSignal() {
    return this == MASS_CHANGE || this == UNUSUAL_EXTENSIONS || this == ENCRYPTED_CONTENT;
  }
}
