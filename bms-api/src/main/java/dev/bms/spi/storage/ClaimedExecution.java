package dev.bms.spi.storage;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An execution this instance claimed: RUNNING, owned by it, with the version (fencing token) every
 * later write must carry.
 *
 * @param execution the RUNNING execution as the claim left it
 * @param copySubset the copies to write; empty for every copy of the job
 * @param targetTypes the target types it writes to
 * @param leaseUntil when its lease expires unless renewed (database clock)
 * @since 0.1.0
 */
public record ClaimedExecution(Execution execution, List<String> copySubset, List<String> targetTypes,
                               Instant leaseUntil) {
  public ClaimedExecution {
    Objects.requireNonNull(execution, "execution");
    if (execution.status() != ExecutionStatus.RUNNING) {
      throw new IllegalArgumentException("a claimed execution is RUNNING, not " + execution.status());
    }
    copySubset = List.copyOf(copySubset);
    targetTypes = List.copyOf(targetTypes);
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }
}
