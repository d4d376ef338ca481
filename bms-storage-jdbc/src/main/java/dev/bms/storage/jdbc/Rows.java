package dev.bms.storage.jdbc;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import java.time.Duration;
import dev.bms.api.model.ManifestEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Flat rows as MyBatis fills them (one class per table, fields named like the columns in camel
 * case), and their conversion to the api records. Deliberately no nested result maps: related rows
 * are fetched by separate queries and stitched together in Java, which measured much faster.
 */
final class Rows {
  private Rows() {
  }

  /** A {@code bms_job} row. */
  static final class JobRow {
    UUID id;
    String name;
    boolean enabled;
    long version;
    Instant createdAt;
    Instant updatedAt;
    String definition;

    static JobRow of(Job job) {
      JobRow r = new JobRow();
      r.id = job.id().value();
      r.name = job.name();
      r.enabled = job.enabled();
      r.version = job.version();
      r.createdAt = job.createdAt();
      r.updatedAt = job.updatedAt();
      r.definition = JobDefinitionCodec.toJson(job.definition());
      return r;
    }

    Job toJob() {
      return new Job(new JobId(id), JobDefinitionCodec.fromJson(definition), version, createdAt, updatedAt);
    }
  }

  /** A {@code bms_job_label} row to insert. */
  static final class LabelRow {
    final UUID jobId;
    final String key;
    final String value;

    LabelRow(UUID jobId, String key, String value) {
      this.jobId = jobId;
      this.key = key;
      this.value = value;
    }
  }

  /** A {@code bms_execution} row (extended by the scheduler's queue row). */
  /** The report token hash of one execution ({@code bms_execution.report_token_hash}). */
  static class TokenHashRow {
    byte[] reportTokenHash;
  }

  static class ExecutionRow {
    UUID id;
    UUID jobId;
    String mode;
    String trigger;
    String status;
    Instant scheduledFor;
    Instant createdAt;
    Instant startedAt;
    Instant finishedAt;
    Instant heartbeatAt;
    long progressBytes;
    long bytes;
    long files;
    int attempt;
    String owner;
    long version;
    String error;
    /** Written on insert only (reported executions); never selected with the row. */
    byte[] reportTokenHash;

    static ExecutionRow of(Execution e) {
      ExecutionRow r = new ExecutionRow();
      r.id = e.id().value();
      r.jobId = e.jobId().value();
      r.mode = e.mode().name();
      r.trigger = e.trigger().name();
      r.status = e.status().name();
      r.scheduledFor = e.scheduledFor().orElse(null);
      r.createdAt = e.createdAt();
      r.startedAt = e.startedAt().orElse(null);
      r.finishedAt = e.finishedAt().orElse(null);
      r.heartbeatAt = e.heartbeatAt().orElse(null);
      r.progressBytes = e.progressBytes();
      r.bytes = e.bytes();
      r.files = e.files();
      r.attempt = e.attempt();
      r.owner = e.owner().orElse(null);
      r.version = e.version();
      r.error = e.error().orElse(null);
      return r;
    }

    Execution toExecution(List<CopyResult> copies) {
      return new Execution(new ExecutionId(id), new JobId(jobId), ExecutionMode.valueOf(mode),
          ExecutionTrigger.valueOf(trigger), ExecutionStatus.valueOf(status), Optional.ofNullable(scheduledFor),
          createdAt, Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt),
          Optional.ofNullable(heartbeatAt), progressBytes, bytes, files, attempt, Optional.ofNullable(owner),
          version, Optional.ofNullable(error), copies);
    }
  }

  /** A {@code bms_copy_result} row. */
  static final class CopyRow {
    UUID executionId;
    int position;
    String copyName;
    String targetType;
    String status;
    long bytes;
    long files;
    long durationMs;
    String manifestDigest;
    String location;
    Instant immutableUntil;
    String error;

    static CopyRow of(UUID executionId, int position, CopyResult c) {
      CopyRow r = new CopyRow();
      r.executionId = executionId;
      r.position = position;
      r.copyName = c.copyName();
      r.targetType = c.targetType();
      r.status = c.status().name();
      r.bytes = c.bytes();
      r.files = c.files();
      r.durationMs = c.duration().toMillis();
      r.manifestDigest = c.manifestDigest().orElse(null);
      r.location = c.location().orElse(null);
      r.immutableUntil = c.immutableUntil().orElse(null);
      r.error = c.error().orElse(null);
      return r;
    }

    CopyResult toCopyResult() {
      return new CopyResult(copyName, targetType, CopyStatus.valueOf(status), bytes, files,
          Duration.ofMillis(durationMs), Optional.ofNullable(manifestDigest), Optional.ofNullable(location),
          Optional.ofNullable(immutableUntil), Optional.ofNullable(error));
    }
  }

  /** A job id with an instant (last success). */
  static final class JobInstantRow {
    UUID jobId;
    Instant at;
  }

  /** A status with a count (jobs by latest status). */
  static final class StatusCountRow {
    String status;
    long jobs;
  }

  /** One row of {@code bms_manifest_entry}. */
  static final class ManifestRow {
    UUID executionId;
    String path;
    long size;
    String sha256;
    Instant modifiedAt;
    String permissions;
    String name;

    static ManifestRow of(UUID executionId, ManifestEntry e) {
      ManifestRow r = new ManifestRow();
      r.executionId = executionId;
      r.path = e.path();
      r.size = e.size();
      r.sha256 = e.sha256();
      r.modifiedAt = e.modifiedAt().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MICROS)).orElse(null);
      r.permissions = e.permissions().orElse(null);
      r.name = e.path().substring(e.path().lastIndexOf('/') + 1);
      return r;
    }

    ManifestEntry toEntry() {
      return new ManifestEntry(path, size, sha256, Optional.ofNullable(modifiedAt), Optional.ofNullable(permissions));
    }
  }
}
