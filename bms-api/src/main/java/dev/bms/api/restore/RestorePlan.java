package dev.bms.api.restore;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dry run: what a restore would do, from which copy, and how many bytes it would move.
 *
 * @param jobId the job
 * @param restorePoint the execution whose restore point would be restored
 * @param pointCreatedAt when that restore point was created
 * @param copyOrder the copies in the order they would be tried
 * @param files every selected file
 * @since 0.1.0
 */
public record RestorePlan(JobId jobId, ExecutionId restorePoint, Instant pointCreatedAt, List<String> copyOrder,
                          List<PlannedFile> files) {
  public RestorePlan {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(pointCreatedAt, "pointCreatedAt");
    copyOrder = List.copyOf(copyOrder);
    files = List.copyOf(files);
  }

  /** Bytes that would be written (files skipped, refused or in conflict excluded). */
  public long bytesToWrite() {
    return files.stream().filter(RestorePlan::writes)
        .mapToLong(PlannedFile::size).sum();
  }

  /** Bytes to write per copy they would be read from. */
  public Map<String, Long> bytesByCopy() {
    Map<String, Long> byCopy = new LinkedHashMap<>();
    for (PlannedFile f : files) {
      if (writes(f)) {
        byCopy.merge(f.copyName(), f.size(), Long::sum);
      }
    }
    return byCopy;
  }

  private static boolean writes(PlannedFile f) {
    return f.action() == PlannedFile.Action.WRITE || f.action() == PlannedFile.Action.OVERWRITE
        || f.action() == PlannedFile.Action.KEEP_BOTH;
  }
}
