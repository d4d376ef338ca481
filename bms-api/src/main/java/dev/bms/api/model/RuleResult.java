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
 * @param unprovenCopies copies that claim the property the rule counts (immutability, say) but that
 *     bms could not prove, so they were not counted; empty for most rules
 * @since 0.1.0
 */
public record RuleResult(String ruleId, ComplianceStatus status, String reason, List<String> countedCopies,
                         List<String> unprovenCopies) {
  public RuleResult {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    countedCopies = List.copyOf(countedCopies);
    unprovenCopies = List.copyOf(unprovenCopies);
  }

  /** A verdict without unproven copies. */
  public RuleResult(String ruleId, ComplianceStatus status, String reason, List<String> countedCopies) {
    this(ruleId, status, reason, countedCopies, List.of());
  }
}
