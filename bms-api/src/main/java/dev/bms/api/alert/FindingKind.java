package dev.bms.api.alert;

/**
 * The kinds of anomaly bms finds in a finished execution, each with the alert rule that reports it.
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
  ENCRYPTED_CONTENT(AlertRule.RANSOMWARE_SUSPECTED);

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

  /** True for the kinds read from the data path that count as ransomware evidence. */
  public boolean ransomwareSignal() {
    return this == MASS_CHANGE || this == UNUSUAL_EXTENSIONS || this == ENCRYPTED_CONTENT;
  }
}
