package dev.bms.storage.jdbc;

import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.storage.jdbc.RetentionRows.DeletionRow;
import dev.bms.storage.jdbc.RetentionRows.RestorePointRow;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@link RetentionStore} on {@code bms_retention_deletion} and the copy results. */
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
}
