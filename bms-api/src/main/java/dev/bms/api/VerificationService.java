package dev.bms.api;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;

/**
 * Proves restore points: re-reads what targets hold and compares it with the manifest bms recorded
 * when it wrote them (bms is the catalog; a target cannot vouch for itself).
 */
public interface VerificationService {

  /**
   * Verifies every successful copy of a finished managed execution.
   *
   * @throws NotFoundException when the execution does not exist
   * @throws InvalidRequestException when it has no restore point (failed, running) or no recorded
   *     manifest (reported executions: bms did not see the files)
   */
  Verification verify(ExecutionId executionId, VerificationLevel level);
}
