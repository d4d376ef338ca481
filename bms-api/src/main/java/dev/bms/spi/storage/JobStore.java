package dev.bms.spi.storage;

import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of job definitions.
 *
 * @since 0.1.0
 */
public interface JobStore {

  /**
   * Inserts a new job.
   *
   * @throws dev.bms.api.ConflictException when the name is taken
   */
  void insert(Job job);

  /**
   * Replaces a job if its stored version is {@code expectedVersion}; {@code job.version()} is the
   * new version.
   *
   * @return false when the job does not exist or its version differs
   * @throws dev.bms.api.ConflictException when the new name is taken by another job
   */
  boolean update(Job job, long expectedVersion);

  /** Deletes a job with its executions and copy results. Returns false when it did not exist. */
  boolean delete(JobId id);

  /** One job. */
  Optional<Job> find(JobId id);

  /** One job by exact name. */
  Optional<Job> findByName(String name);

  /** Several jobs in one query; missing ids are skipped. Order unspecified. */
  List<Job> findAll(Collection<JobId> ids);

  /** Jobs matching the filter, ordered by id, keyset-paginated. */
  Page<Job> list(JobFilter filter, PageRequest page);

  /**
   * Jobs matching the filter with their latest execution (and its copy results) and last success
   * time, ordered by id, keyset-paginated, in a fixed number of queries whatever the page size.
   */
  Page<JobOverview> overview(JobFilter filter, PageRequest page);

  /** Number of jobs matching the filter. */
  long count(JobFilter filter);
}
