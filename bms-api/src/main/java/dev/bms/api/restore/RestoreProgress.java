package dev.bms.api.restore;

import java.util.Objects;
import java.util.Optional;

/**
 * How far a restore has come.
 *
 * @param id the restore
 * @param status where it is
 * @param filesDone files restored, skipped or failed so far
 * @param filesTotal files selected
 * @param bytesDone bytes landed so far
 * @param bytesTotal bytes selected
 * @param currentPath the file being restored, while running
 * @since 0.1.0
 */
public record RestoreProgress(RestoreId id, RestoreStatus status, long filesDone, long filesTotal, long bytesDone,
                              long bytesTotal, Optional<String> currentPath) {
  public RestoreProgress {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currentPath, "currentPath");
  }
}
