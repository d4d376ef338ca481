package dev.bms.api.restore;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one restore: who asked, from which restore point and copies, what happened to
 * every file that did not simply land.
 *
 * @param id identity
 * @param jobId the job of the restore point
 * @param restorePoint the execution whose restore point was restored
 * @param requestedBy who or what asked
 * @param destination a description of where files landed
 * @param selection the requested paths and globs (empty: the whole restore point)
 * @param copyName the copy asked for, if one was named
 * @param conflictPolicy the conflict policy
 * @param status where it is
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param filesPlanned files selected
 * @param bytesPlanned bytes selected
 * @param filesRestored files that landed under their final name
 * @param filesSkipped files skipped by {@link ConflictPolicy#SKIP}
 * @param filesFailed files not restored
 * @param bytesRestored bytes that landed
 * @param copies what each copy supplied
 * @param problems per-file problems, including recovered ones
 * @param error why the restore as a whole failed or stopped, if it did
 * @since 0.1.0
 */
public record RestoreExecution(
    RestoreId id,
    JobId jobId,
    ExecutionId restorePoint,
    String requestedBy,
    String destination,
    List<String> selection,
    Optional<String> copyName,
    ConflictPolicy conflictPolicy,
    RestoreStatus status,
    Instant startedAt,
    Optional<Instant> finishedAt,
    long filesPlanned,
    long bytesPlanned,
    long filesRestored,
    long filesSkipped,
    long filesFailed,
    long bytesRestored,
    List<CopyUsage> copies,
    List<RestoreProblem> problems,
    Optional<String> error) {

  public RestoreExecution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(destination, "destination");
    selection = List.copyOf(selection);
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    copies = List.copyOf(copies);
    problems = List.copyOf(problems);
    Objects.requireNonNull(error, "error");
  }

  /** Time from start to end; zero while running. */
  public Duration duration() {
    return finishedAt.map(f -> Duration.between(startedAt, f)).orElse(Duration.ZERO);
  }

  /** The problems that left a file unrestored. */
  public List<RestoreProblem> unrecovered() {
    return problems.stream().filter(p -> !p.recovered()).toList();
  }

  /** The usage of the named copy, if it supplied anything. */
  public Optional<CopyUsage> copy(String name) {
    return copies.stream().filter(c -> c.copyName().equals(name)).findFirst();
  }
}
