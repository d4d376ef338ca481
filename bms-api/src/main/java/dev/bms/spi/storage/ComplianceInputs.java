package dev.bms.spi.storage;

import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.spi.LockProof;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts {@link ComplianceStore#inputs} reads for a set of jobs.
 *
 * @param defaultPolicy the stored default policy, if set
 * @param policies jobs' own policies
 * @param restorePoints each job's newest SUCCEEDED or PARTIAL execution, with copy results
 * @param lockProofs per restore point, per copy name, the lock read back
 * @param verifications per job, the newest verification at each level
 * @since 0.1.0
 */
public record ComplianceInputs(Optional<CompliancePolicy> defaultPolicy, Map<JobId, CompliancePolicy> policies,
                               Map<JobId, Execution> restorePoints,
                               Map<ExecutionId, Map<String, LockProof>> lockProofs,
                               Map<JobId, Map<VerificationLevel, VerificationEvidence>> verifications) {
  public ComplianceInputs {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    policies = Map.copyOf(policies);
    restorePoints = Map.copyOf(restorePoints);
    lockProofs = Map.copyOf(lockProofs);
    verifications = Map.copyOf(verifications);
  }
}
