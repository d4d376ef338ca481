package dev.bms.spi.storage;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Restore records: one row per restore with its copies and per-file problems, a lease that keeps
 * retention away from a restore point while it is being restored, and the throughput evidence
 * restore-time estimates are computed from.
 *
 * @since 0.1.0
 */
public interface RestoreStore {

  /** Inserts a RUNNING restore holding its restore point until {@code leaseUntil}. */
  void insert(RestoreExecution restore, Instant leaseUntil);

  /**
   * Records progress of a running restore and extends its lease.
   *
   * @return false when the restore is no longer running
   */
  boolean heartbeat(RestoreId id, long filesDone, long bytesDone, Instant leaseUntil);

  /** Writes the terminal record (status, totals, copies, problems) in one transaction and drops the lease. */
  void finish(RestoreExecution restore);

  /** One restore with its copies and problems. */
  Optional<RestoreExecution> find(RestoreId id);

  /** A job's restores (or every job's when empty), newest first, keyset-paginated. */
  Page<RestoreExecution> list(Optional<JobId> jobId, PageRequest page);

  /** The restore points of a job that a running restore holds a lease on at {@code now}. */
  Set<ExecutionId> leasedRestorePoints(JobId jobId, Instant now);

  /**
   * For each job asked, the newest measured throughput of each copy: from restores that read at
   * least one byte from it. One query.
   */
  Map<JobId, List<Throughput>> throughput(Collection<JobId> jobIds);

  /** Sets (or with an empty value clears) a job's restore-time objective. */
  void putRtoTarget(JobId jobId, Optional<Duration> target, Instant at);

  /** The restore-time objectives of the jobs asked that have one. One query. */
  Map<JobId, Duration> rtoTargets(Collection<JobId> jobIds);

  /**
   * One measurement of a copy's restore throughput.
   *
   * @param copyName the copy
   * @param usage what was read from it
   * @param measuredAt when the restore finished
   * @param restoreId the restore that measured it
   */
  record Throughput(String copyName, CopyUsage usage, Instant measuredAt, RestoreId restoreId) {
    public Throughput {
      Objects.requireNonNull(copyName, "copyName");
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(measuredAt, "measuredAt");
      Objects.requireNonNull(restoreId, "restoreId");
    }
  }
}
