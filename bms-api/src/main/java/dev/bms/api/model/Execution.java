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
 * @param files files read from the source; while it runs, {@code executions().get(id)} on the
 *     instance running it shows the files read to their end so far
 * @param attempt 1 for the first attempt, 2 for the first retry...
 * @param owner the instance running it, while running
 * @param version fencing token: bumped by every claim; writes carrying an older one are refused
 * @param error why it failed, if it did
 * @param copies the result of each copy, in the job's copy order
 * @since 0.1.0
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
    return toBuilder().copies(newCopies).build();
  }

  /** The same execution with its progress: bytes done so far. */
  public Execution withProgressBytes(long bytesDone) {
    return toBuilder().progressBytes(bytesDone).build();
  }

  /** The same execution after a heartbeat at {@code at} reporting {@code bytesDone}. */
  public Execution withHeartbeat(Instant at, long bytesDone) {
    return toBuilder().heartbeatAt(at).progressBytes(bytesDone).build();
  }

  /** A builder holding this execution's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of a new execution: MANAGED, triggered MANUAL, PENDING, attempt 1, version 0, nothing
   * started, no copies, until set otherwise.
   *
   * <pre>{@code
   * Execution pending = Execution.builder(id, jobId, now).trigger(ExecutionTrigger.SCHEDULE)
   *     .scheduledFor(fireTime).build();
   * }</pre>
   */
  public static Builder builder(ExecutionId id, JobId jobId, Instant createdAt) {
    return new Builder(id, jobId, createdAt);
  }

  /** Builds {@link Execution}s; {@link #build()} validates like the constructor. */
  public static final class Builder {
    private ExecutionId id;
    private JobId jobId;
    private ExecutionMode mode = ExecutionMode.MANAGED;
    private ExecutionTrigger trigger = ExecutionTrigger.MANUAL;
    private ExecutionStatus status = ExecutionStatus.PENDING;
    private Optional<Instant> scheduledFor = Optional.empty();
    private Instant createdAt;
    private Optional<Instant> startedAt = Optional.empty();
    private Optional<Instant> finishedAt = Optional.empty();
    private Optional<Instant> heartbeatAt = Optional.empty();
    private long progressBytes;
    private long bytes;
    private long files;
    private int attempt = 1;
    private Optional<String> owner = Optional.empty();
    private long version;
    private Optional<String> error = Optional.empty();
    private List<CopyResult> copies = List.of();

    private Builder(ExecutionId id, JobId jobId, Instant createdAt) {
      this.id = id;
      this.jobId = jobId;
      this.createdAt = createdAt;
    }

    private Builder(Execution e) {
      id = e.id;
      jobId = e.jobId;
      mode = e.mode;
      trigger = e.trigger;
      status = e.status;
      scheduledFor = e.scheduledFor;
      createdAt = e.createdAt;
      startedAt = e.startedAt;
      finishedAt = e.finishedAt;
      heartbeatAt = e.heartbeatAt;
      progressBytes = e.progressBytes;
      bytes = e.bytes;
      files = e.files;
      attempt = e.attempt;
      owner = e.owner;
      version = e.version;
      error = e.error;
      copies = e.copies;
    }

    /** See {@link Execution#id()}. */
    public Builder id(ExecutionId value) {
      this.id = value;
      return this;
    }

    /** See {@link Execution#jobId()}. */
    public Builder jobId(JobId value) {
      this.jobId = value;
      return this;
    }

    /** See {@link Execution#mode()}. */
    public Builder mode(ExecutionMode value) {
      this.mode = value;
      return this;
    }

    /** See {@link Execution#trigger()}. */
    public Builder trigger(ExecutionTrigger value) {
      this.trigger = value;
      return this;
    }

    /** See {@link Execution#status()}. */
    public Builder status(ExecutionStatus value) {
      this.status = value;
      return this;
    }

    /** See {@link Execution#scheduledFor()}. */
    public Builder scheduledFor(Optional<Instant> value) {
      this.scheduledFor = value;
      return this;
    }

    /** See {@link Execution#scheduledFor()}. */
    public Builder scheduledFor(Instant value) {
      return scheduledFor(Optional.of(value));
    }

    /** See {@link Execution#createdAt()}. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** See {@link Execution#startedAt()}. */
    public Builder startedAt(Optional<Instant> value) {
      this.startedAt = value;
      return this;
    }

    /** See {@link Execution#startedAt()}. */
    public Builder startedAt(Instant value) {
      return startedAt(Optional.of(value));
    }

    /** See {@link Execution#finishedAt()}. */
    public Builder finishedAt(Optional<Instant> value) {
      this.finishedAt = value;
      return this;
    }

    /** See {@link Execution#finishedAt()}. */
    public Builder finishedAt(Instant value) {
      return finishedAt(Optional.of(value));
    }

    /** See {@link Execution#heartbeatAt()}. */
    public Builder heartbeatAt(Optional<Instant> value) {
      this.heartbeatAt = value;
      return this;
    }

    /** See {@link Execution#heartbeatAt()}. */
    public Builder heartbeatAt(Instant value) {
      return heartbeatAt(Optional.of(value));
    }

    /** See {@link Execution#progressBytes()}. */
    public Builder progressBytes(long value) {
      this.progressBytes = value;
      return this;
    }

    /** See {@link Execution#bytes()}. */
    public Builder bytes(long value) {
      this.bytes = value;
      return this;
    }

    /** See {@link Execution#files()}. */
    public Builder files(long value) {
      this.files = value;
      return this;
    }

    /** See {@link Execution#attempt()}. */
    public Builder attempt(int value) {
      this.attempt = value;
      return this;
    }

    /** See {@link Execution#owner()}. */
    public Builder owner(Optional<String> value) {
      this.owner = value;
      return this;
    }

    /** See {@link Execution#owner()}. */
    public Builder owner(String value) {
      return owner(Optional.of(value));
    }

    /** See {@link Execution#version()}. */
    public Builder version(long value) {
      this.version = value;
      return this;
    }

    /** See {@link Execution#error()}. */
    public Builder error(Optional<String> value) {
      this.error = value;
      return this;
    }

    /** See {@link Execution#copies()}. */
    public Builder copies(List<CopyResult> value) {
      this.copies = value;
      return this;
    }

    /** The execution; validated by its constructor. */
    public Execution build() {
      return new Execution(id, jobId, mode, trigger, status, scheduledFor, createdAt, startedAt, finishedAt,
          heartbeatAt, progressBytes, bytes, files, attempt, owner, version, error, copies);
    }
  }
}
