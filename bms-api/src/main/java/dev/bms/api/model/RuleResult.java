package dev.bms.api.model;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of one compliance rule for one job, with the reason and the copies it counted.
 *
 * @param ruleId stable id, e.g. {@code "3-copies"}, {@code "1-immutable"}
 * @param status pass, fail or unknown
 * @param reason why, in one sentence naming the facts read
 * @param countedCopies the copy names that counted towards the rule
 */
public record RuleResult(String ruleId, ComplianceStatus status, String reason, List<String> countedCopies) {
  public RuleResult {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    countedCopies = List.copyOf(countedCopies);
  }
}
