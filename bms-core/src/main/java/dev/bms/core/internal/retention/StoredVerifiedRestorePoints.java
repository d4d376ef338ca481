package dev.bms.core.internal.retention;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@link VerifiedRestorePoints} read from storage ({@code bms_verified_point}), so every instance agrees. */
@Singleton
public final class StoredVerifiedRestorePoints implements VerifiedRestorePoints {
  private final Storage storage;

  @Inject
  public StoredVerifiedRestorePoints(Storage storage) {
    this.storage = storage;
  }

  @Override
  public Optional<ExecutionId> lastVerified(JobId jobId) {
    return storage.retention().lastVerified(jobId);
  }
}
