package dev.bms.storage.jdbc;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Flat rows of retention (see {@link Rows} for the conventions). */
final class RetentionRows {
  private RetentionRows() {
  }

  /** One successful copy of a restore point. */
  static final class RestorePointRow {
    UUID executionId;
    Instant createdAt;
    String executionStatus;
    String copyName;
    String targetType;
    String status;
    long bytes;
    long files;
    long durationMs;
    String manifestDigest;
    String location;
    Instant immutableUntil;
    String error;

    StoredRestorePoint toRestorePoint() {
      CopyResult copy = new CopyResult(copyName, targetType, CopyStatus.valueOf(status), bytes, files,
          Duration.ofMillis(durationMs), Optional.ofNullable(manifestDigest), Optional.ofNullable(location),
          Optional.ofNullable(immutableUntil), Optional.ofNullable(error));
      return new StoredRestorePoint(new ExecutionId(executionId), createdAt,
          ExecutionStatus.SUCCEEDED.name().equals(executionStatus), copy);
    }
  }

  /** A {@code bms_retention_deletion} row. */
  static final class DeletionRow {
    UUID id;
    UUID jobId;
    UUID executionId;
    String copyName;
    String targetType;
    String location;
    String rule;
    String outcome;
    String detail;
    Instant at;

    static DeletionRow of(UUID id, RetentionDeletion d) {
      DeletionRow r = new DeletionRow();
      r.id = id;
      r.jobId = d.jobId().value();
      r.executionId = d.executionId().value();
      r.copyName = d.copyName();
      r.targetType = d.targetType();
      r.location = d.location();
      r.rule = d.rule();
      r.outcome = d.outcome().name();
      r.detail = d.detail().orElse(null);
      r.at = d.at();
      return r;
    }

    RetentionDeletion toDeletion() {
      return new RetentionDeletion(new JobId(jobId), new ExecutionId(executionId), copyName, targetType, location, rule,
          RetentionDeletion.Outcome.valueOf(outcome), Optional.ofNullable(detail), at);
    }
  }
}
