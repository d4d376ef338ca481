package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.ExecutionRow;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Bulk SQL on {@code bms_execution}; statements in {@code ExecutionBatchMapper.xml}. */
interface ExecutionBatchMapper {

  /** One multi-row insert; callers bound the number of rows (PostgreSQL allows 65,535 parameters). */
  int insertExecutions(@Param("rows") List<ExecutionRow> rows);

  /** Statement id of the newest {@code perJob} executions of each job, joined with their copies; read by {@link HandMapped}. */
  String SELECT_LATEST_BY_JOBS = "dev.bms.storage.jdbc.ExecutionBatchMapper.selectLatestByJobs";
}
