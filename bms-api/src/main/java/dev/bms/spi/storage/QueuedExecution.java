package dev.bms.spi.storage;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed execution waiting in the queue for a worker of any instance.
 *
 * @param execution the PENDING execution
 * @param dueAt when it may be claimed (later than creation for retries with backoff)
 * @param targetTypes the target types of the copies it writes, for per-target concurrency limits
 * @param copySubset the copies it writes; empty for every copy of the job (retries of failed copies
 *     name them)
 * @param retryOf the execution it retries
 * @since 0.1.0
 */
public record QueuedExecution(Execution execution, Instant dueAt, List<String> targetTypes, List<String> copySubset,
                              Optional<ExecutionId> retryOf) {
  public QueuedExecution {
    Objects.requireNonNull(execution, "execution");
    if (execution.status() != ExecutionStatus.PENDING) {
      throw new IllegalArgumentException("a queued execution is PENDING, not " + execution.status());
    }
    Objects.requireNonNull(dueAt, "dueAt");
    targetTypes = List.copyOf(targetTypes);
    copySubset = List.copyOf(copySubset);
    Objects.requireNonNull(retryOf, "retryOf");
  }
}
