package dev.bms.core.internal.verify;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.retention.VerifiedRestorePoints;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Retention's verified restore points read from the verification evidence every verification
 * stores (manual and policy runs alike): the newest restore point whose newest full verification,
 * checksum or restore test, passed on every copy it checked and that no later verification found
 * damaged. A passed sample (one slice of a sampled policy) does not count: it proves a fraction of
 * the files, and the point retention keeps must be restorable as a whole.
 */
@Singleton
public final class EvidenceVerifiedRestorePoints implements VerifiedRestorePoints {
  private final Storage storage;

  @Inject
  public EvidenceVerifiedRestorePoints(Storage storage) {
    this.storage = storage;
  }

  @Override
  public Optional<ExecutionId> lastVerified(JobId jobId) {
    // without verification evidence no point is verified
    return storage.verifications().flatMap(v -> v.newestVerifiedRestorePoint(jobId));
  }
}
