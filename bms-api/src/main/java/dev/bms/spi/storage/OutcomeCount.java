package dev.bms.spi.storage;

import dev.bms.api.model.ExecutionStatus;
import java.util.Objects;

/**
 * Executions of one status finished in one bucket.
 *
 * @param bucket 0-based bucket index from the start of the range
 * @param status a terminal status
 * @param count how many
 * @since 0.1.0
 */
public record OutcomeCount(int bucket, ExecutionStatus status, long count) {
  public OutcomeCount {
    Objects.requireNonNull(status, "status");
  }
}
