package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPlan;
import java.util.List;

/**
 * Retention of restore points: GFS (keep last N, daily, weekly, monthly, yearly) and keep-within,
 * per copy ({@code CopySpec.retention()} overrides {@code BackupJob.retention()}). Expired copies are
 * deleted through their target plugin, except while immutable; a job's last verified good restore
 * point is never deleted. bms applies retention after each successful execution of a job.
 *
 * @since 0.1.0
 */
public interface RetentionService {

  /**
   * A dry run: what retention would delete now and why, and what it keeps and why. Deletes nothing.
   *
   * @throws NotFoundException when the job does not exist
   */
  @NotAudited("read")
  RetentionPlan preview(JobId jobId);

  /**
   * Deletes the job's expired copies now and records each deletion with the rule that expired it.
   *
   * @return the deletions attempted by this call
   * @throws NotFoundException when the job does not exist
   */
  @Audited(operation = "retention.apply", resource = "job")
  List<RetentionDeletion> apply(JobId jobId);

  /** The job's recorded deletions, newest first. */
  @NotAudited("read")
  List<RetentionDeletion> deletions(JobId jobId, int limit);
}
