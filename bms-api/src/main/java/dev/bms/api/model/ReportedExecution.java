package dev.bms.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backup another tool already ran to the end, recorded in one call (for instance when importing a
 * history of backups in bulk); the same as {@code begin} followed by {@code complete}, with the
 * tool's own times.
 *
 * @param jobId the job it backed up
 * @param startedAt when the tool began
 * @param finishedAt when it finished; not before {@code startedAt}
 * @param copies the outcome of each copy, by the job's copy names; copies not mentioned are
 *     recorded as failed ("not reported")
 * @since 0.1.0
 */
public record ReportedExecution(JobId jobId, Instant startedAt, Instant finishedAt, List<CopyResult> copies) {
  public ReportedExecution {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("finishedAt " + finishedAt + " is before startedAt " + startedAt);
    }
    copies = List.copyOf(copies);
  }
}
