package dev.bms.spi.storage;

import dev.bms.api.model.ExecutionStatus;
import java.util.Map;

/**
 * Jobs counted by the status of their newest terminal execution.
 *
 * @param byStatus jobs per status; jobs that never finished an execution are in none
 * @param jobs every job
 * @since 0.1.0
 */
public record LastStatusCounts(Map<ExecutionStatus, Long> byStatus, long jobs) {
  public LastStatusCounts {
    byStatus = Map.copyOf(byStatus);
  }
}
