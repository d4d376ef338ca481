package dev.bms.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a job (managed) or one backup another tool reported (reported).
 *
 * @param id identity
 * @param jobId the job it belongs to
 * @param mode managed by bms or reported by another tool
 * @param trigger what created it
 * @param status where it is in its life
 * @param scheduledFor the fire time it was created for (scheduled executions only)
 * @param createdAt when it was created
 * @param startedAt when a worker (or the tool) began it
 * @param finishedAt when it reached a terminal status
 * @param heartbeatAt the last sign of life of its worker
 * @param progressBytes bytes done so far, while running
 * @param bytes bytes read from the source (the size of one copy)
 * @param files files read from the source
 * @param attempt 1 for the first attempt, 2 for the first retry...
 * @param owner the instance running it, while running
 * @param version fencing token: bumped by every claim; writes carrying an older one are refused
 * @param error why it failed, if it did
 * @param copies the result of each copy, in the job's copy order
 */
public record Execution(
    ExecutionId id,
    JobId jobId,
    ExecutionMode mode,
    ExecutionTrigger trigger,
    ExecutionStatus status,
    Optional<Instant> scheduledFor,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Instant> heartbeatAt,
    long progressBytes,
    long bytes,
    long files,
    int attempt,
    Optional<String> owner,
    long version,
    Optional<String> error,
    List<CopyResult> copies) {

  public Execution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(error, "error");
    copies = List.copyOf(copies);
  }

  /** Time from start to finish (or to now's last heartbeat while running); zero if not started. */
  public Duration duration() {
    if (startedAt.isEmpty()) {
      return Duration.ZERO;
    }
    Instant end = finishedAt.or(() -> heartbeatAt).orElse(startedAt.get());
    return Duration.between(startedAt.get(), end);
  }

  /** The result of the named copy, if recorded. */
  public Optional<CopyResult> copy(String copyName) {
    return copies.stream().filter(c -> c.copyName().equals(copyName)).findFirst();
  }

  /** The same execution with other copy results (used by storage when assembling rows). */
  public Execution withCopies(List<CopyResult> newCopies) {
    return new Execution(id, jobId, mode, trigger, status, scheduledFor, createdAt, startedAt, finishedAt,
        heartbeatAt, progressBytes, bytes, files, attempt, owner, version, error, newCopies);
  }
}
