package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.FileVersion;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestorePlan;
import dev.bms.api.restore.RestoreProgress;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.api.restore.RestoreTimeEstimate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bringing data back, from the catalog bms keeps (the manifest stored with every execution).
 *
 * <p>Every file is read from the best available copy — copies whose latest verification passed
 * first, then local before remote media — and hashed as it is written under a temporary name; it
 * takes its final name only once size and SHA-256 match the manifest. A copy that cannot supply a
 * good version is skipped for that file and the next copy is tried. Every restore is recorded
 * ({@link RestoreExecution}) with the copies it used and every per-file problem.
 *
 * <pre>{@code
 * RestoreExecution done = bms.restores().restore(RestoreRequest.from(RestorePointRef.latest(jobId))
 *     .paths("etc/**.conf").into(Path.of("/tmp/restored")).requestedBy("alice").build());
 * }</pre>
 *
 * @since 0.1.0
 */
public interface RestoreService {

  /**
   * A dry run: which files, from which copy, how many bytes, what each would do at the destination.
   * Writes nothing.
   *
   * @throws NotFoundException when the restore point does not exist
   * @throws InvalidRequestException when it holds no manifest, a named copy is not among its good
   *     copies, or a glob is malformed
   */
  @NotAudited("read")
  RestorePlan plan(RestoreRequest request);

  /** Runs a restore to its end on the calling thread and returns its record. */
  @Audited(operation = "restores.restore", resource = "restore")
  RestoreExecution restore(RestoreRequest request);

  /** Starts a restore in the background; follow it with {@link #progress}, {@link #get} and {@link #await}. */
  @Audited(operation = "restores.start", resource = "restore")
  RestoreId start(RestoreRequest request);

  /** Waits up to {@code timeout} for a restore started by this instance to end. */
  @NotAudited("read")
  Optional<RestoreExecution> await(RestoreId id, Duration timeout);

  /** Asks a running restore of this instance to stop; it ends {@code CANCELLED}. False when not running here. */
  @Audited(operation = "restores.cancel", resource = "restore")
  boolean cancel(RestoreId id);

  /** Progress of a restore (live on the instance running it, else as last recorded). */
  @NotAudited("read")
  Optional<RestoreProgress> progress(RestoreId id);

  /** The record of a restore. */
  @NotAudited("read")
  Optional<RestoreExecution> get(RestoreId id);

  /** Restores of one job (or of all jobs), newest first. */
  @NotAudited("read")
  Page<RestoreExecution> list(Optional<JobId> jobId, PageRequest page);

  /** The files of a restore point under a directory prefix ({@code ""} for all), in path order. */
  @NotAudited("read")
  Page<CatalogEntry> files(ExecutionId restorePoint, String prefix, PageRequest page);

  /** Every version of matching files across restore points, with the copies that hold each. */
  @NotAudited("read")
  List<FileVersion> find(FileQuery query);

  /**
   * The measured time to restore the job's newest restore point from its best copy, from restore
   * evidence; empty while no restore or restore test has measured any of its copies.
   */
  @NotAudited("read")
  Optional<RestoreTimeEstimate> timeToRestore(JobId jobId);

  /** Sets the job's restore-time objective; an alert is raised while evidence says it cannot be met. */
  @Audited(operation = "restores.setRtoTarget", resource = "rto-target")
  void setRtoTarget(JobId jobId, Duration target);

  /** Removes the job's restore-time objective. */
  @Audited(operation = "restores.clearRtoTarget", resource = "rto-target")
  void clearRtoTarget(JobId jobId);
}
