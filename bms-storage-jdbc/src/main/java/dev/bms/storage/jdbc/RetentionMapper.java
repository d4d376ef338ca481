package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.RetentionRows.DeletionRow;
import dev.bms.storage.jdbc.RetentionRows.RestorePointRow;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL of retention; statements in {@code RetentionMapper.xml}. */
interface RetentionMapper {

  List<RestorePointRow> selectRestorePoints(@Param("jobId") UUID jobId);

  int insertDeletion(DeletionRow row);

  List<DeletionRow> selectDeletions(@Param("jobId") UUID jobId, @Param("limit") int limit);
}
