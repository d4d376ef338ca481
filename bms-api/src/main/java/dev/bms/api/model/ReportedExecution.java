package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Instant;
import java.util.List;

/**
 * A backup another tool already ran to the end, recorded in one call (for instance when importing a
 * history of backups in bulk); the same as {@code begin} followed by {@code complete}, with the
 * tool's own times.
 *
 * @param jobId the job it backed up
 * @param startedAt when the tool began, in years 1 to 9999 (see {@link Inputs#requireInstant})
 * @param finishedAt when it finished; not before {@code startedAt}
 * @param copies the outcome of each copy, by the job's copy names; copies not mentioned are
 *     recorded as failed ("not reported")
 * @since 0.1.0
 */
public record ReportedExecution(JobId jobId, Instant startedAt, Instant finishedAt, List<CopyResult> copies) {
  public ReportedExecution {
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireInstant("startedAt", startedAt);
    Inputs.requireInstant("finishedAt", finishedAt);
    if (finishedAt.isBefore(startedAt)) {
      throw new InvalidRequestException("finishedAt: " + finishedAt + " is before startedAt " + startedAt);
    }
    Inputs.requireArgument("copies", copies);
    for (int i = 0; i < copies.size(); i++) {
      Inputs.requireArgument("copies[" + i + "]", copies.get(i));
    }
    copies = List.copyOf(copies);
  }
}
