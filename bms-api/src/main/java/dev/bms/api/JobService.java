package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.util.Optional;

/**
 * Job definitions. Every write is validated in full first (structure, then each plugin's
 * configuration) and written in one transaction, so a rejected call writes nothing.
 *
 * @since 0.1.0
 */
public interface JobService {

  /**
   * Creates a job.
   *
   * @throws InvalidJobException naming every bad field, including plugin configuration keys
   * @throws UnknownPluginException when a source or target type is not provided by any plugin
   * @throws ConflictException when another job has the same name
   */
  @Audited(operation = "jobs.create", resource = "job")
  JobId create(BackupJob job);

  /**
   * Replaces a job's definition, if the job is still at the version the change was based on
   * (optimistic locking: read, modify, write without losing another writer's update).
   *
   * <pre>{@code
   * Job current = bms.jobs().require(id);
   * bms.jobs().update(id, current.version(), current.definition().toBuilder().rpo(Duration.ofHours(12)).build());
   * }</pre>
   *
   * @param expectedVersion the {@link Job#version()} the new definition was based on
   * @return the job as stored, at {@code expectedVersion + 1}
   * @throws NotFoundException when the job does not exist
   * @throws ConflictException when the job is at another version (the message names both), or
   *     another job has the new name
   * @throws InvalidJobException, UnknownPluginException as {@link #create}
   */
  @Audited(operation = "jobs.update", resource = "job")
  Job update(JobId id, long expectedVersion, BackupJob job);

  /** Lets the scheduler fire the job. Returns the updated job. */
  @Audited(operation = "jobs.enable", resource = "job")
  Job enable(JobId id);

  /** Stops the scheduler firing the job; running executions finish. Returns the updated job. */
  @Audited(operation = "jobs.disable", resource = "job")
  Job disable(JobId id);

  /**
   * Deletes the job and its execution history. Copies already written stay on their targets.
   *
   * @return false when no such job existed
   */
  @Audited(operation = "jobs.delete", resource = "job")
  boolean delete(JobId id);

  /** The job, if it exists. Served from the cache when possible. */
  @NotAudited("read")
  Optional<Job> get(JobId id);

  /** The job with that exact name, if it exists. */
  @NotAudited("read")
  Optional<Job> findByName(String name);

  /**
   * The job.
   *
   * @throws NotFoundException when it does not exist
   */
  @NotAudited("read")
  default Job require(JobId id) {
    return get(id).orElseThrow(() -> new NotFoundException("No job with id " + id));
  }

  /** Jobs matching the filter, ordered by id (creation order), keyset-paginated. */
  @NotAudited("read")
  Page<Job> list(JobFilter filter, PageRequest page);

  /**
   * Jobs with their latest execution, its copy results, and their last success time, in a fixed
   * number of queries whatever the page size.
   */
  @NotAudited("read")
  Page<JobOverview> overview(JobFilter filter, PageRequest page);
}
