package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.SchedulerRows.FireRow;
import dev.bms.storage.jdbc.SchedulerRows.QueueRow;
import dev.bms.storage.jdbc.SchedulerRows.ScheduleRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL of the scheduler and the execution queue; statements in {@code SchedulerMapper.xml}. */
interface SchedulerMapper {

  List<UUID> selectJobsToSync(@Param("limit") int limit);

  int upsertSchedule(ScheduleRow row);

  ScheduleRow selectSchedule(@Param("jobId") UUID jobId);

  List<ScheduleRow> selectSchedulesWithRpo();

  List<ScheduleRow> selectDueSchedules(@Param("now") Instant now, @Param("limit") int limit);

  int updateNextFire(@Param("jobId") UUID jobId, @Param("nextFireAt") Instant nextFireAt, @Param("at") Instant at);

  int insertFire(FireRow row);

  List<FireRow> selectFires(@Param("jobId") UUID jobId, @Param("limit") int limit);

  int insertQueued(QueueRow row);

  List<QueueRow> claim(@Param("owner") String owner, @Param("now") Instant now, @Param("leaseMs") long leaseMs,
                       @Param("limit") int limit, @Param("candidates") int candidates,
                       @Param("excluded") List<String> excludedPatterns);

  int startLease(@Param("id") UUID id, @Param("leaseMs") long leaseMs);

  int renewLease(@Param("id") UUID id, @Param("version") long version, @Param("progressBytes") long progressBytes,
                 @Param("at") Instant at, @Param("leaseMs") long leaseMs);

  List<QueueRow> selectExpired(@Param("limit") int limit);

  int abandon(@Param("id") UUID id, @Param("version") long version, @Param("at") Instant at,
              @Param("error") String error);

  QueueRow selectQueued(@Param("id") UUID id);

  int cancelPending(@Param("id") UUID id, @Param("at") Instant at);

  int requestCancel(@Param("id") UUID id);

  List<UUID> selectCancelRequested(@Param("ids") UuidArray ids);

  SchedulerRows.QueueDepthRow selectQueueDepth(@Param("now") Instant now);

  int markRpoNotified(@Param("jobId") UUID jobId, @Param("at") Instant at, @Param("notBefore") Instant notBefore);
}
