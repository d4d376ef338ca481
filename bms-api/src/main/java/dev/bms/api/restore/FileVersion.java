package dev.bms.api.restore;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ManifestEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of a file found in the catalog: which restore point holds it and which of that
 * point's copies still hold it (succeeded and not deleted by retention).
 *
 * @param jobId the job
 * @param restorePoint the execution that wrote it
 * @param pointCreatedAt when that restore point was created
 * @param file the manifest entry
 * @param copies the names of the copies that hold it
 * @since 0.1.0
 */
public record FileVersion(JobId jobId, ExecutionId restorePoint, Instant pointCreatedAt, ManifestEntry file,
                          List<String> copies) {
  public FileVersion {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(pointCreatedAt, "pointCreatedAt");
    Objects.requireNonNull(file, "file");
    copies = List.copyOf(copies);
  }
}
