package dev.bms.api;

import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.JobId;
import dev.bms.api.model.JobStatus;

/**
 * The scheduler's view of jobs: next fire, missed fires, RPO.
 *
 * @since 0.1.0
 */
public interface ScheduleService {

  /**
   * The job's schedule and RPO status.
   *
   * @throws NotFoundException when the job does not exist
   */
  @NotAudited("read")
  JobStatus status(JobId jobId);
}
