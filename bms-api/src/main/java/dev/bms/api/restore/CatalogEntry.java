package dev.bms.api.restore;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ManifestEntry;
import java.util.Objects;

/**
 * One file of one restore point, as the catalog lists it.
 *
 * @param restorePoint the execution that wrote it
 * @param file the manifest entry (path, size, hash, modification time, permissions)
 * @since 0.1.0
 */
public record CatalogEntry(ExecutionId restorePoint, ManifestEntry file) {
  public CatalogEntry {
    Objects.requireNonNull(restorePoint, "restorePoint");
    Objects.requireNonNull(file, "file");
  }
}
