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
 * @since 0.1.0
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

  /**
   * The outcome of an execution judged by its copies, the one rule every path applies: SUCCEEDED
   * when every copy succeeded, PARTIAL when some did, FAILED when none did (or there were none). Bytes
   * and files are the largest of the succeeded copies (each copy holds the whole backup), the error
   * says how many copies failed. A managed run then sets what it read from the source with
   * {@link #withSourceTotals}, or {@link #withSourceFailure} when the source could not be read.
   */
  public static ExecutionOutcome fromCopies(List<CopyResult> copies, Instant finishedAt) {
    long ok = copies.stream().filter(CopyResult::succeeded).count();
    ExecutionStatus status = ok == copies.size() && ok > 0 ? ExecutionStatus.SUCCEEDED
        : ok > 0 ? ExecutionStatus.PARTIAL : ExecutionStatus.FAILED;
    long bytes = copies.stream().filter(CopyResult::succeeded).mapToLong(CopyResult::bytes).max().orElse(0);
    long files = copies.stream().filter(CopyResult::succeeded).mapToLong(CopyResult::files).max().orElse(0);
    Optional<String> error = status == ExecutionStatus.SUCCEEDED ? Optional.empty()
        : Optional.of(copies.isEmpty() ? "no copy was written"
            : (copies.size() - ok) + " of " + copies.size() + " copies failed");
    return new ExecutionOutcome(status, finishedAt, bytes, files, error, copies, Optional.empty());
  }

  /** This outcome with the totals read from the source and the manifest of what was read. */
  public ExecutionOutcome withSourceTotals(long sourceBytes, long sourceFiles, Manifest read) {
    return new ExecutionOutcome(status, finishedAt, sourceBytes, sourceFiles, error, copies,
        Optional.of(Objects.requireNonNull(read, "manifest")));
  }

  /** This outcome as FAILED because the source failed after {@code sourceBytes} bytes and {@code sourceFiles} files. */
  public ExecutionOutcome withSourceFailure(String reason, long sourceBytes, long sourceFiles) {
    return new ExecutionOutcome(ExecutionStatus.FAILED, finishedAt, sourceBytes, sourceFiles,
        Optional.of(Objects.requireNonNull(reason, "reason")), copies, Optional.empty());
  }
}
