package dev.bms.spi.storage;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDeletion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What retention reads and records: a job's restore points (successful copies not yet deleted),
 * and each deletion with the rule that expired it. (Which restore point was verified good is
 * verification evidence: {@link VerificationStore#newestVerifiedRestorePoint}.)
 *
 * @since 0.1.0
 */
public interface RetentionStore {

  /**
   * Every successful copy of the job's finished executions (SUCCEEDED or PARTIAL) that retention
   * has not deleted, newest execution first. One query.
   */
  List<StoredRestorePoint> restorePoints(JobId jobId);

  /** Records one deletion (or attempt). */
  void recordDeletion(RetentionDeletion deletion);

  /** The job's recorded deletions, newest first. */
  List<RetentionDeletion> deletions(JobId jobId, int limit);

  /**
   * One copy of one restore point.
   *
   * @param executionId the execution that wrote it
   * @param createdAt when that execution was created (the restore point's time for GFS buckets)
   * @param allCopiesSucceeded whether every copy of that execution succeeded
   * @param copy the copy's result, with its location
   */
  record StoredRestorePoint(ExecutionId executionId, Instant createdAt, boolean allCopiesSucceeded, CopyResult copy) {
    public StoredRestorePoint {
      Objects.requireNonNull(executionId, "executionId");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(copy, "copy");
    }
  }
}
