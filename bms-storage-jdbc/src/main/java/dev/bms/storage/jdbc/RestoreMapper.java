package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.RestoreRows.RestoreCopyRow;
import dev.bms.storage.jdbc.RestoreRows.RestoreProblemRow;
import dev.bms.storage.jdbc.RestoreRows.RestoreRow;
import dev.bms.storage.jdbc.RestoreRows.RtoTargetRow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL of restore records; statements in {@code RestoreMapper.xml}. */
interface RestoreMapper {

  int insertRestore(RestoreRow row);

  int heartbeat(@Param("id") UUID id, @Param("filesDone") long filesDone, @Param("bytesDone") long bytesDone,
                @Param("leaseUntil") Instant leaseUntil);

  int finishRestore(RestoreRow row);

  int insertCopies(@Param("rows") List<RestoreCopyRow> rows);

  int insertProblems(@Param("rows") List<RestoreProblemRow> rows);

  RestoreRow selectRestore(@Param("id") UUID id);

  List<RestoreRow> selectRestores(@Param("jobId") UUID jobId, @Param("afterStarted") Instant afterStarted,
                                  @Param("afterId") UUID afterId, @Param("limit") int limit);

  List<RestoreCopyRow> selectCopies(@Param("ids") Collection<UUID> ids);

  List<RestoreProblemRow> selectProblems(@Param("ids") Collection<UUID> ids);

  List<UUID> selectLeased(@Param("jobId") UUID jobId, @Param("now") Instant now);

  List<RestoreCopyRow> selectThroughput(@Param("jobIds") Collection<UUID> jobIds);

  int deleteRtoTarget(@Param("jobId") UUID jobId);

  int insertRtoTarget(@Param("jobId") UUID jobId, @Param("targetMs") long targetMs, @Param("at") Instant at);

  List<RtoTargetRow> selectRtoTargets(@Param("jobIds") Collection<UUID> jobIds);
}
