package dev.bms.storage.jdbc;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.ConflictPolicy;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flat rows of restore records and catalog searches (see {@link Rows} for the conventions). */
final class RestoreRows {
  private RestoreRows() {
  }

  /** A {@code bms_restore} row. */
  static final class RestoreRow {
    UUID id;
    UUID jobId;
    UUID executionId;
    String requestedBy;
    String destination;
    String selection;
    String copyName;
    String conflictPolicy;
    String status;
    Instant startedAt;
    Instant finishedAt;
    Instant leaseUntil;
    long filesPlanned;
    long bytesPlanned;
    long filesRestored;
    long filesSkipped;
    long filesFailed;
    long bytesRestored;
    String error;

    static RestoreRow of(RestoreExecution r, Instant leaseUntil) {
      RestoreRow row = new RestoreRow();
      row.id = r.id().value();
      row.jobId = r.jobId().value();
      row.executionId = r.restorePoint().value();
      row.requestedBy = r.requestedBy();
      row.destination = r.destination();
      row.selection = String.join("\n", r.selection());
      row.copyName = r.copyName().orElse(null);
      row.conflictPolicy = r.conflictPolicy().name();
      row.status = r.status().name();
      row.startedAt = r.startedAt();
      row.finishedAt = r.finishedAt().orElse(null);
      row.leaseUntil = leaseUntil;
      row.filesPlanned = r.filesPlanned();
      row.bytesPlanned = r.bytesPlanned();
      row.filesRestored = r.filesRestored();
      row.filesSkipped = r.filesSkipped();
      row.filesFailed = r.filesFailed();
      row.bytesRestored = r.bytesRestored();
      row.error = r.error().orElse(null);
      return row;
    }

    RestoreExecution toRestore(List<CopyUsage> copies, List<RestoreProblem> problems) {
      return new RestoreExecution(new RestoreId(id), new JobId(jobId), new ExecutionId(executionId), requestedBy,
          destination, selection.isEmpty() ? List.of() : Arrays.asList(selection.split("\n")),
          Optional.ofNullable(copyName), ConflictPolicy.valueOf(conflictPolicy), RestoreStatus.valueOf(status),
          startedAt, Optional.ofNullable(finishedAt), filesPlanned, bytesPlanned, filesRestored, filesSkipped,
          filesFailed, bytesRestored, copies, problems, Optional.ofNullable(error));
    }
  }

  /** A {@code bms_restore_copy} row, with the restore's job and finish time for throughput reads. */
  static final class RestoreCopyRow {
    UUID restoreId;
    UUID jobId;
    Instant finishedAt;
    String copyName;
    String targetType;
    long files;
    long bytes;
    long readNanos;

    static RestoreCopyRow of(RestoreId id, CopyUsage u) {
      RestoreCopyRow row = new RestoreCopyRow();
      row.restoreId = id.value();
      row.copyName = u.copyName();
      row.targetType = u.targetType();
      row.files = u.files();
      row.bytes = u.bytes();
      row.readNanos = u.readTime().toNanos();
      return row;
    }

    CopyUsage toUsage() {
      return new CopyUsage(copyName, targetType, files, bytes, Duration.ofNanos(readNanos));
    }
  }

  /** A {@code bms_restore_problem} row. */
  static final class RestoreProblemRow {
    UUID restoreId;
    int position;
    String path;
    String copyName;
    String kind;
    String detail;
    boolean recovered;

    static RestoreProblemRow of(RestoreId id, int position, RestoreProblem p) {
      RestoreProblemRow row = new RestoreProblemRow();
      row.restoreId = id.value();
      row.position = position;
      row.path = p.path();
      row.copyName = p.copyName().orElse(null);
      row.kind = p.kind().name();
      row.detail = p.detail();
      row.recovered = p.recovered();
      return row;
    }

    RestoreProblem toProblem() {
      return new RestoreProblem(path, Optional.ofNullable(copyName), RestoreProblem.Kind.valueOf(kind), detail, recovered);
    }
  }

  /** One {@code bms_rto_target} row. */
  static final class RtoTargetRow {
    UUID jobId;
    long targetMs;
  }

  /** A catalog hit: one manifest entry, with its restore point's job and creation time. */
  static final class CatalogRow {
    UUID executionId;
    UUID jobId;
    Instant createdAt;
    String path;
    long size;
    String sha256;
    Instant modifiedAt;
    String permissions;

    ManifestEntry toEntry() {
      return new ManifestEntry(path, size, sha256, Optional.ofNullable(modifiedAt), Optional.ofNullable(permissions));
    }

    CatalogEntry toCatalogEntry() {
      return new CatalogEntry(new ExecutionId(executionId), toEntry());
    }
  }

  /** A successful, not-deleted copy of a restore point. */
  static final class HoldingCopyRow {
    UUID executionId;
    String copyName;
  }
}
