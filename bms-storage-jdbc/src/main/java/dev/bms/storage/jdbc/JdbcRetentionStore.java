package dev.bms.storage.jdbc;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.storage.jdbc.RetentionRows.DeletionRow;
import dev.bms.storage.jdbc.RetentionRows.RestorePointRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link RetentionStore} on {@code bms_retention_deletion}, {@code bms_verified_point} and the copy results. */
final class JdbcRetentionStore implements RetentionStore {
  private final Transactions tx;

  JdbcRetentionStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public List<StoredRestorePoint> restorePoints(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.read("read restore points of " + jobId, s -> s.getMapper(RetentionMapper.class)
        .selectRestorePoints(jobId.value()).stream().map(RestorePointRow::toRestorePoint).toList());
  }

  @Override
  public void recordDeletion(RetentionDeletion deletion) {
    DeletionRow row = DeletionRow.of(UUID.randomUUID(), deletion);
    tx.write("record deletion of " + deletion.executionId() + "/" + deletion.copyName(), null,
        s -> s.getMapper(RetentionMapper.class).insertDeletion(row));
  }

  @Override
  public List<RetentionDeletion> deletions(JobId jobId, int limit) {
    return tx.read("read deletions of " + jobId, s -> s.getMapper(RetentionMapper.class)
        .selectDeletions(jobId.value(), limit).stream().map(DeletionRow::toDeletion).toList());
  }

  @Override
  public void recordVerified(JobId jobId, ExecutionId executionId, Instant at) {
    tx.write("record verified point " + executionId, null,
        s -> s.getMapper(RetentionMapper.class).insertVerified(jobId.value(), executionId.value(), at));
  }

  @Override
  public Optional<ExecutionId> lastVerified(JobId jobId) {
    return tx.read("read last verified point of " + jobId, s -> Optional.ofNullable(
        s.getMapper(RetentionMapper.class).selectLastVerified(jobId.value())).map(ExecutionId::new));
  }
}
