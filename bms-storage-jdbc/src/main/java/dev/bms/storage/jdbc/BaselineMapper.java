package dev.bms.storage.jdbc;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** Anomaly baselines; statements in {@code BaselineMapper.xml}. */
interface BaselineMapper {

  List<BaselineRow> selectBaselines(@Param("jobIds") UuidArray jobIds);

  int putBaseline(@Param("jobId") UUID jobId, @Param("state") String state);

  /** A {@code bms_job_baseline} row. */
  final class BaselineRow {
    UUID jobId;
    String state;
  }
}
