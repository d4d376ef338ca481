package dev.bms.spi;

import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What bms knows about one job when it judges compliance.
 *
 * @param job the job
 * @param policy the thresholds it is judged by (its own or the default)
 * @param restorePoint its newest execution that produced a restore point (SUCCEEDED or PARTIAL)
 * @param copies one entry per successful copy of that restore point, in the job's copy order
 * @param latestVerifications the newest stored verification of the job at each level
 * @param now the evaluation time
 * @since 0.1.0
 */
public record ComplianceFacts(Job job, CompliancePolicy policy, Optional<Execution> restorePoint, List<CopyFacts> copies,
                              Map<VerificationLevel, VerificationEvidence> latestVerifications, Instant now) {
  public ComplianceFacts {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(restorePoint, "restorePoint");
    copies = List.copyOf(copies);
    latestVerifications = Map.copyOf(latestVerifications);
    Objects.requireNonNull(now, "now");
  }

  /** The newest verification at any level. */
  public Optional<VerificationEvidence> latestVerification() {
    return latestVerifications.values().stream()
        .max(java.util.Comparator.comparing(v -> v.verification().finishedAt()));
  }
}
