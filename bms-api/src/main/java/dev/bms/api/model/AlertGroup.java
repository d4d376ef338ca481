package dev.bms.api.model;

import java.util.Objects;

/**
 * How many alerts of one rule and severity match a filter, by state: what a dashboard shows instead
 * of a list that stops at a page ("41 × compliance FAIL, critical").
 *
 * @param rule the alerting rule that raised them
 * @param severity their severity
 * @param firing how many are firing
 * @param acknowledged how many are acknowledged and still open
 * @param resolved how many are resolved (0 unless the filter includes resolved alerts)
 * @since 0.2.0
 */
public record AlertGroup(String rule, Severity severity, long firing, long acknowledged, long resolved) {
  public AlertGroup {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    if (firing < 0 || acknowledged < 0 || resolved < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + firing + ", " + acknowledged + ", " + resolved);
    }
  }

  /** Every alert of the group. */
  public long total() {
    return firing + acknowledged + resolved;
  }
}
