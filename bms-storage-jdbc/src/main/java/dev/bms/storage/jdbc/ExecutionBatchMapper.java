package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.ExecutionRow;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Bulk SQL on {@code bms_execution}; statements in {@code ExecutionBatchMapper.xml}. */
interface ExecutionBatchMapper {

  /** One multi-row insert; callers bound the number of rows (PostgreSQL allows 65,535 parameters). */
  int insertExecutions(@Param("rows") List<ExecutionRow> rows);

  /** The newest {@code perJob} executions of each job, newest first per job. Vendor-specific SQL. */
  List<ExecutionRow> selectLatestByJobs(@Param("jobIds") UuidArray jobIds, @Param("perJob") int perJob);
}
