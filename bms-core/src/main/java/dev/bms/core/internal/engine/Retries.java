package dev.bms.core.internal.engine;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.Job;
import dev.bms.api.model.RetryPolicy;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.spi.storage.QueuedExecution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Retries by the job's {@link RetryPolicy}: the next attempt is queued, due after the policy's
 * exponential backoff (on the injected clock), and writes only the copies that failed (every copy
 * of the attempt when the execution was abandoned or interrupted, since none of them committed).
 * Reported executions are never retried: bms did not run them.
 */
final class Retries {
  private final Supplier<ExecutionId> ids;

  Retries(Supplier<ExecutionId> ids) {
    this.ids = ids;
  }

  /** The retry of a finished attempt, if the status warrants one and attempts remain. */
  Optional<QueuedExecution> after(Job job, Execution attempt, List<String> attemptSubset, Instant now) {
    RetryPolicy policy = job.definition().retry();
    if (attempt.attempt() >= policy.maxAttempts() || job.definition().source().isExternal()
        || attempt.mode() == ExecutionMode.REPORTED) {
      return Optional.empty();
    }
    List<String> copies;
    switch (attempt.status()) {
      case FAILED, PARTIAL -> {
        List<String> failed = attempt.copies().stream().filter(c -> !c.succeeded()).map(CopyResult::copyName).toList();
        copies = failed.isEmpty() ? attemptSubset : failed;
      }
      case ABANDONED, INTERRUPTED -> copies = attemptSubset;
      default -> {
        return Optional.empty();
      }
    }
    List<String> existing = job.definition().copies().stream().map(CopySpec::name).toList();
    List<String> subset = copies.stream().filter(existing::contains).toList();
    if (!copies.isEmpty() && subset.isEmpty()) {
      return Optional.empty();
    }
    int next = attempt.attempt() + 1;
    Instant due = now.plus(policy.backoffBefore(next));
    Execution pending = Execution.builder(ids.get(), job.id(), now).trigger(ExecutionTrigger.RETRY)
        .scheduledFor(attempt.scheduledFor()).attempt(next).build();
    List<String> types = subset.isEmpty() ? FirePlanner.targetTypes(job.definition())
        : job.definition().copies().stream().filter(c -> subset.contains(c.name())).map(CopySpec::targetType)
            .distinct().sorted().toList();
    return Optional.of(new QueuedExecution(pending, due, types, subset, Optional.of(attempt.id())));
  }
}
