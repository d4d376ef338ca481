package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobInstantRow;
import dev.bms.storage.jdbc.Rows.ManifestRow;
import dev.bms.storage.jdbc.Rows.StatusCountRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code bms_execution} and {@code bms_copy_result}; statements in {@code ExecutionMapper.xml}. */
interface ExecutionMapper {

  int insertExecution(ExecutionRow row);

  int insertCopies(@Param("copies") List<CopyRow> copies);

  int deleteCopies(@Param("executionId") UUID executionId);

  ExecutionRow selectExecution(@Param("id") UUID id);

  /** The stored SHA-256 of the execution's report token; null (or a null hash) when absent or no such execution. */
  Rows.TokenHashRow selectReportTokenHash(@Param("id") UUID id);

  /** Copy results of these executions, ordered by execution and position. */
  List<CopyRow> selectCopies(@Param("executionIds") UuidArray executionIds);

  /** A keyset page, newest first; {@code afterId} null for the first page. */
  List<ExecutionRow> selectExecutions(@Param("jobId") UUID jobId, @Param("statuses") List<String> statuses,
                                      @Param("createdFrom") Instant createdFrom,
                                      @Param("createdBefore") Instant createdBefore,
                                      @Param("afterCreatedAt") Instant afterCreatedAt,
                                      @Param("afterId") UUID afterId, @Param("limit") int limit);

  int heartbeat(@Param("id") UUID id, @Param("version") long version, @Param("progressBytes") long progressBytes,
                @Param("at") Instant at, @Param("live") List<String> liveStatuses);

  int finish(@Param("id") UUID id, @Param("version") long version, @Param("status") String status,
             @Param("finishedAt") Instant finishedAt, @Param("bytes") long bytes, @Param("files") long files,
             @Param("error") String error, @Param("live") List<String> liveStatuses);

  int deleteCopiesOf(@Param("executionIds") UuidArray executionIds);

  /** PostgreSQL only: finishes without copies or manifest in one statement; the ids written. */
  List<UUID> finishBare(@Param("ids") UuidArray ids, @Param("versions") TextArray versions,
                        @Param("statuses") TextArray statuses, @Param("finishedAts") TextArray finishedAts,
                        @Param("bytes") TextArray bytes, @Param("files") TextArray files,
                        @Param("errors") TextArray errors, @Param("live") List<String> liveStatuses);

  /** When the newest SUCCEEDED execution of each job finished; {@code jobIds} null for every job. */
  List<JobInstantRow> selectLastSuccess(@Param("jobIds") UuidArray jobIds);

  /** Jobs per status of their latest execution. Vendor-specific SQL. */
  List<StatusCountRow> selectJobsByLatestStatus();

  Instant selectNow();

  int insertManifest(@Param("entries") List<ManifestRow> entries);

  int markManifest(@Param("executionId") UUID executionId, @Param("entries") long entries);

  /** Null when the execution has no manifest. */
  Long selectManifestEntries(@Param("executionId") UUID executionId);

  List<ManifestRow> selectManifest(@Param("executionId") UUID executionId);
}
