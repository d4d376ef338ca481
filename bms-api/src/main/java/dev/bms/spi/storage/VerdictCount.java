package dev.bms.spi.storage;

import dev.bms.api.model.ComplianceStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored verdicts of one status for one rule, or overall.
 *
 * @param ruleId the rule; empty for the jobs' overall status
 * @param status the status
 * @param count how many jobs
 * @since 0.1.0
 */
public record VerdictCount(Optional<String> ruleId, ComplianceStatus status, long count) {
  public VerdictCount {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(status, "status");
  }
}
