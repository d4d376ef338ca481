package dev.bms.core.internal.retention;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.util.Optional;

/**
 * Where retention learns a job's last verified good restore point, which it never deletes.
 *
 * <p>Until the compliance module's verification evidence store is wired in, bms binds
 * {@link StoredVerifiedRestorePoints}: restore points that a {@code verifications().verify} passed
 * (recorded by {@link RecordingVerificationService}). To use another source of evidence, bind
 * this interface to an implementation reading it.
 */
public interface VerifiedRestorePoints {

  /** The newest restore point of the job that passed a verification, if any did. */
  Optional<ExecutionId> lastVerified(JobId jobId);
}
