package dev.bms.core.internal.retention;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.util.Optional;

/**
 * Where retention learns a job's last verified good restore point, which it never deletes.
 *
 * <p>bms binds {@link dev.bms.core.internal.verify.EvidenceVerifiedRestorePoints}, which reads the
 * stored verification evidence (see its rules). To use another source of evidence, bind this
 * interface to an implementation reading it.
 */
public interface VerifiedRestorePoints {

  /** The newest restore point of the job proven good by a verification, if any was. */
  Optional<ExecutionId> lastVerified(JobId jobId);
}
