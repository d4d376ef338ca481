package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.CopyRow;

/** Bulk SQL on {@code bms_execution}; statements in {@code ExecutionBatchMapper.xml}. */
interface ExecutionBatchMapper {

  /** One copy row (queued in a JDBC batch). */
  int insertCopy(CopyRow row);

  /** Statement id of the newest {@code perJob} executions of each job, joined with their copies; read by {@link HandMapped}. */
  String SELECT_LATEST_BY_JOBS = "dev.bms.storage.jdbc.ExecutionBatchMapper.selectLatestByJobs";
}
