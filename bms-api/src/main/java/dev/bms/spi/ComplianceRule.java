package dev.bms.spi;

import dev.bms.api.model.RuleResult;

/**
 * One compliance rule, judged per job on the facts bms gathered ({@link ComplianceFacts}). The
 * built-in 3-2-1-1-0 digits are rules too. Custom rules come from {@link BmsPlugin#complianceRules()}
 * or from {@code META-INF/services/dev.bms.spi.ComplianceRule} lines found by
 * {@link java.util.ServiceLoader}.
 *
 * <p>Rules must be pure, fast and thread-safe: {@code evaluateAll()} calls them for every job and
 * gives them no storage or target access, only the facts.
 *
 * @since 0.1.0
 */
public interface ComplianceRule {

  /** Stable id, unique among the manager's rules, e.g. {@code "encrypted-offsite"}. */
  String id();

  /** A short label for reports, e.g. {@code "Encrypted offsite"}. */
  default String label() {
    return id();
  }

  /**
   * Judges one job. Return {@link dev.bms.api.model.ComplianceStatus#UNKNOWN} rather than PASS when
   * the facts cannot prove the rule holds. The result's {@code ruleId} must be {@link #id()}.
   */
  RuleResult evaluate(ComplianceFacts facts);
}
