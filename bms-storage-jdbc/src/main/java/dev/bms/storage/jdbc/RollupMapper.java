package dev.bms.storage.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** Execution rollups; statements in {@code RollupMapper.xml}. */
interface RollupMapper {

  List<FinishedRow> selectFinished(@Param("jobIds") UuidArray jobIds, @Param("from") Instant from,
                                   @Param("to") Instant to, @Param("statuses") List<String> statuses);

  List<UUID> selectAllJobIds();

  int deleteJobRollup(@Param("jobId") UUID jobId, @Param("slot") long slot);

  int deleteJobRollups(@Param("jobIds") UuidArray jobIds);

  int insertJobRollup(@Param("jobId") UUID jobId, @Param("r") RollupRow row);

  int deleteTotal(@Param("slot") long slot);

  int insertTotal(@Param("slot") long slot);

  int deleteAllTotals();

  int insertAllTotals();

  int deleteLastIfOlder(@Param("jobId") UUID jobId, @Param("finishedAt") Instant finishedAt);

  int insertLastIfAbsent(@Param("jobId") UUID jobId, @Param("executionId") UUID executionId,
                         @Param("status") String status, @Param("finishedAt") Instant finishedAt);

  int deleteLasts(@Param("jobIds") UuidArray jobIds);

  Integer lockJobCounts();

  int deleteAllJobCounts();

  int insertAllJobCounts();

  List<Rows.StatusCountRow> countLastRows(@Param("jobIds") UuidArray jobIds);

  List<String> jobCountKeys();

  int addJobCount(@Param("status") String status, @Param("delta") long delta);

  int insertJobCount(@Param("status") String status, @Param("delta") long delta);

  List<RollupRow> selectTotals(@Param("fromSlot") long fromSlot, @Param("toSlot") long toSlot);

  List<RollupRow> selectJobRollups(@Param("jobId") UUID jobId, @Param("fromSlot") long fromSlot,
                                   @Param("toSlot") long toSlot);

  /** A terminal execution, as rollups count it. */
  final class FinishedRow {
    UUID id;
    UUID jobId;
    String status;
    Instant startedAt;
    Instant finishedAt;
    long bytes;
  }

  /** A rollup row (per job or total). */
  final class RollupRow {
    long slot;
    long succeeded;
    long partial;
    long failed;
    long cancelled;
    long durationMs;
    long maxDurationMs;
    long bytes;
  }
}
