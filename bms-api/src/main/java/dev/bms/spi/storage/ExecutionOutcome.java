package dev.bms.spi.storage;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The terminal state written when an execution finishes.
 *
 * @param status a terminal status
 * @param finishedAt when it finished
 * @param bytes bytes read from the source
 * @param files files read from the source
 * @param error why it failed, if it did
 * @param copies every copy's result
 * @param manifest the files bms read and hashed (managed executions that read their source); stored
 *     with the execution as the catalog verification compares copies against
 */
public record ExecutionOutcome(ExecutionStatus status, Instant finishedAt, long bytes, long files,
                               Optional<String> error, List<CopyResult> copies, Optional<Manifest> manifest) {
  public ExecutionOutcome {
    Objects.requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("an outcome needs a terminal status, not " + status);
    }
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(error, "error");
    copies = List.copyOf(copies);
    Objects.requireNonNull(manifest, "manifest");
  }

  /** An outcome without a manifest (reported executions, failures before reading). */
  public ExecutionOutcome(ExecutionStatus status, Instant finishedAt, long bytes, long files,
                          Optional<String> error, List<CopyResult> copies) {
    this(status, finishedAt, bytes, files, error, copies, Optional.empty());
  }
}
