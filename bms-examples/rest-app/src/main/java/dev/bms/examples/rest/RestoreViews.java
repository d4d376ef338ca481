package dev.bms.examples.rest;

import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.FileVersion;
import dev.bms.api.restore.PlannedFile;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestorePlan;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreProgress;
import dev.bms.api.restore.RestoreTimeEstimate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the restore and catalog endpoints. */
final class RestoreViews {
  private RestoreViews() {
  }

  record FileView(String path, long size, String sha256, Optional<Instant> modifiedAt, Optional<String> permissions) {
    static FileView of(ManifestEntry e) {
      return new FileView(e.path(), e.size(), e.sha256(), e.modifiedAt(), e.permissions());
    }

    static FileView of(CatalogEntry e) {
      return of(e.file());
    }
  }

  record VersionView(String jobId, String restorePoint, Instant pointCreatedAt, FileView file, List<String> copies) {
    static VersionView of(FileVersion v) {
      return new VersionView(v.jobId().toString(), v.restorePoint().toString(), v.pointCreatedAt(),
          FileView.of(v.file()), v.copies());
    }
  }

  record PlannedFileView(String path, long size, String sha256, String copyName, String landsAs, String action,
                         Optional<String> reason) {
  }

  record PlanView(String jobId, String restorePoint, Instant pointCreatedAt, List<String> copyOrder, long files,
                  long bytesToWrite, Map<String, Long> bytesByCopy, List<PlannedFileView> items) {
    static PlanView of(RestorePlan p) {
      return new PlanView(p.jobId().toString(), p.restorePoint().toString(), p.pointCreatedAt(), p.copyOrder(),
          p.files().size(), p.bytesToWrite(), p.bytesByCopy(), p.files().stream().map(f -> new PlannedFileView(
              f.path(), f.size(), f.sha256(), f.copyName(), f.landsAs(), f.action().name(), reason(f))).toList());
    }

    private static Optional<String> reason(PlannedFile f) {
      return f.reason();
    }
  }

  record CopyUsageView(String copyName, String targetType, long files, long bytes, long readMillis,
                       double bytesPerSecond) {
    static CopyUsageView of(CopyUsage u) {
      return new CopyUsageView(u.copyName(), u.targetType(), u.files(), u.bytes(), u.readTime().toMillis(),
          u.bytesPerSecond());
    }
  }

  record ProblemView(String path, Optional<String> copyName, String kind, String detail, boolean recovered) {
    static ProblemView of(RestoreProblem p) {
      return new ProblemView(p.path(), p.copyName(), p.kind().name(), p.detail(), p.recovered());
    }
  }

  record ProgressView(long filesDone, long filesTotal, long bytesDone, long bytesTotal, Optional<String> currentPath) {
    static ProgressView of(RestoreProgress p) {
      return new ProgressView(p.filesDone(), p.filesTotal(), p.bytesDone(), p.bytesTotal(), p.currentPath());
    }
  }

  record RestoreView(String id, String jobId, String restorePoint, String requestedBy, String destination,
                     List<String> selection, Optional<String> copyName, String conflictPolicy, String status,
                     Instant startedAt, Optional<Instant> finishedAt, long filesPlanned, long bytesPlanned,
                     long filesRestored, long filesSkipped, long filesFailed, long bytesRestored,
                     List<CopyUsageView> copies, List<ProblemView> problems, Optional<String> error,
                     Optional<ProgressView> progress) {
    static RestoreView of(RestoreExecution r, Optional<RestoreProgress> progress) {
      return new RestoreView(r.id().toString(), r.jobId().toString(), r.restorePoint().toString(), r.requestedBy(),
          r.destination(), r.selection(), r.copyName(), r.conflictPolicy().name(), r.status().name(), r.startedAt(),
          r.finishedAt(), r.filesPlanned(), r.bytesPlanned(), r.filesRestored(), r.filesSkipped(), r.filesFailed(),
          r.bytesRestored(), r.copies().stream().map(CopyUsageView::of).toList(),
          r.problems().stream().map(ProblemView::of).toList(), r.error(),
          r.status().terminal() ? Optional.empty() : progress.map(ProgressView::of));
    }
  }

  record RtoView(String jobId, String restorePoint, long bytes, String copyName, double bytesPerSecond,
                 Instant measuredAt, Duration estimate, Optional<Duration> target, boolean meetsTarget) {
    static RtoView of(RestoreTimeEstimate e) {
      return new RtoView(e.jobId().toString(), e.restorePoint().toString(), e.bytes(), e.copyName(),
          e.bytesPerSecond(), e.measuredAt(), e.estimate(), e.target(), e.meetsTarget());
    }
  }
}
