package dev.bms.api.report;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution in a job's history.
 *
 * @param executionId the execution
 * @param createdAt when it was created
 * @param finishedAt when it finished, if it did
 * @param status its status
 * @param bytes bytes read from the source
 * @param files files read
 * @param duration start to finish
 * @param copiesSucceeded copies written
 * @param copies copies attempted
 * @param error why it failed, if it did
 * @since 0.1.0
 */
public record HistoryRow(ExecutionId executionId, Instant createdAt, Optional<Instant> finishedAt, ExecutionStatus status,
                         long bytes, long files, Duration duration, int copiesSucceeded, int copies,
                         Optional<String> error) {
  public HistoryRow {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
  }
}
