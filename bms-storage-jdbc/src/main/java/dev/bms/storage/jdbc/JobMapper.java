package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobRow;
import dev.bms.storage.jdbc.Rows.LabelRow;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code bms_job} and {@code bms_job_label}; statements in {@code JobMapper.xml}. */
interface JobMapper {

  int insertJob(JobRow row);

  int insertLabels(@Param("labels") List<LabelRow> labels);

  int deleteLabels(@Param("jobId") UUID jobId);

  int updateJob(@Param("row") JobRow row, @Param("expectedVersion") long expectedVersion);

  int deleteJob(@Param("id") UUID id);

  JobRow selectJob(@Param("id") UUID id);

  JobRow selectJobByName(@Param("name") String name);

  List<JobRow> selectJobsByIds(@Param("ids") UuidArray ids);

  /** A keyset page of jobs ordered by id; {@code afterId} null for the first page. */
  List<JobRow> selectJobs(@Param("enabled") Boolean enabled, @Param("namePattern") String namePattern,
                          @Param("labels") List<LabelRow> labels, @Param("afterId") UUID afterId,
                          @Param("limit") int limit);

  long countJobs(@Param("enabled") Boolean enabled, @Param("namePattern") String namePattern,
                 @Param("labels") List<LabelRow> labels);

  /** The newest execution of each of these jobs (jobs never run have none). Vendor-specific SQL. */
  List<ExecutionRow> selectLatestExecutions(@Param("jobIds") UuidArray jobIds);
}
