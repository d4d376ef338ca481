package dev.bms.api.model;

import dev.bms.api.report.RuleComplianceRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored compliance verdicts counted per rule (digit) and overall.
 *
 * @param rules one row per rule of this instance in evaluation order (the built-in digits, then
 *     custom rules by id), then rules only stored verdicts name, by id
 * @param overall jobs by overall status
 * @since 0.1.0
 */
public record ComplianceCounts(List<RuleComplianceRow> rules, RuleComplianceRow overall) {
  public ComplianceCounts {
    rules = List.copyOf(rules);
    Objects.requireNonNull(overall, "overall");
  }

  /** The row of one rule, if there is one. */
  public Optional<RuleComplianceRow> rule(String ruleId) {
    return rules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
  }
}
