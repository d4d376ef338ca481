package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.CopyRow;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** Bulk SQL on {@code bms_execution}; statements in {@code ExecutionBatchMapper.xml}. */
interface ExecutionBatchMapper {

  /** One copy row (queued in a JDBC batch). */
  int insertCopy(CopyRow row);

  /**
   * PostgreSQL only: the fenced finish of a whole group in one statement; deletes the old copy
   * results of the rows it finished and returns their ids (a stale version is simply not among them).
   */
  List<UUID> finishGroup(@Param("rows") List<FinishRow> rows, @Param("live") List<String> liveStatuses);

  /** Statement id of the newest {@code perJob} executions of each job, joined with their copies; read by {@link HandMapped}. */
  String SELECT_LATEST_BY_JOBS = "dev.bms.storage.jdbc.ExecutionBatchMapper.selectLatestByJobs";
}
