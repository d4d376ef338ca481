package dev.bms.core.internal.retention;

import dev.bms.api.VerificationService;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationPolicy;
import java.util.List;
import java.util.Optional;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.internal.verify.DefaultVerificationService;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies through {@link DefaultVerificationService} and records every passed verification as a
 * verified restore point, the evidence retention's last-verified-point rule reads.
 */
@Singleton
public final class RecordingVerificationService implements VerificationService {
  private static final Logger log = LoggerFactory.getLogger(RecordingVerificationService.class);

  private final DefaultVerificationService delegate;
  private final Storage storage;

  @Inject
  public RecordingVerificationService(DefaultVerificationService delegate, Storage storage) {
    this.delegate = delegate;
    this.storage = storage;
  }

  @Override
  public Verification verify(ExecutionId executionId, VerificationLevel level) {
    Verification v = delegate.verify(executionId, level);
    if (v.passed()) {
      try {
        storage.retention().recordVerified(v.jobId(), v.executionId(), v.finishedAt());
      } catch (UnsupportedOperationException e) {
        log.debug("Storage keeps no verified points: {}", e.getMessage());
      }
    }
    return v;
  }

  @Override
  public List<VerificationEvidence> history(JobId jobId, int limit) {
    return delegate.history(jobId, limit);
  }

  @Override
  public void setPolicy(JobId jobId, VerificationPolicy policy) {
    delegate.setPolicy(jobId, policy);
  }

  @Override
  public Optional<VerificationPolicy> policy(JobId jobId) {
    return delegate.policy(jobId);
  }

  @Override
  public boolean clearPolicy(JobId jobId) {
    return delegate.clearPolicy(jobId);
  }
}
