package dev.bms.api.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which executions a listing returns; listings are newest first.
 *
 * @param jobId only this job's executions
 * @param statuses only these statuses; empty for any
 * @param createdFrom created at or after
 * @param createdBefore created strictly before
 * @since 0.1.0
 */
public record ExecutionFilter(Optional<JobId> jobId, Set<ExecutionStatus> statuses,
                              Optional<Instant> createdFrom, Optional<Instant> createdBefore) {
  private static final ExecutionFilter ALL = new ExecutionFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());

  public ExecutionFilter {
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireArgument("statuses", statuses);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    Inputs.requireArgument("createdFrom", createdFrom);
    Inputs.requireArgument("createdBefore", createdBefore);
  }

  /** Every execution. */
  public static ExecutionFilter all() {
    return ALL;
  }

  /** One job's executions. */
  public static ExecutionFilter forJob(JobId jobId) {
    return ALL.withJob(jobId);
  }

  public ExecutionFilter withJob(JobId id) {
    return new ExecutionFilter(Optional.of(Inputs.requireArgument("id", id)), statuses, createdFrom, createdBefore);
  }

  public ExecutionFilter withStatuses(Set<ExecutionStatus> newStatuses) {
    return new ExecutionFilter(jobId, newStatuses, createdFrom, createdBefore);
  }

  public ExecutionFilter createdBetween(Instant from, Instant before) {
    return new ExecutionFilter(jobId, statuses, Optional.of(Inputs.requireArgument("from", from)), Optional.of(Inputs.requireArgument("before", before)));
  }
}
