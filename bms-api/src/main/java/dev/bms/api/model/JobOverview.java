package dev.bms.api.model;

import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * A job with its latest execution (and that execution's per-copy results) and its last success:
 * what a status page shows per row. Listings of overviews take a fixed number of queries,
 * whatever the number of jobs.
 *
 * @param job the job
 * @param lastExecution its newest execution, with copy results
 * @param lastSuccessAt when its newest SUCCEEDED execution finished
 * @since 0.1.0
 */
public record JobOverview(Job job, Optional<Execution> lastExecution, Optional<Instant> lastSuccessAt) {
  public JobOverview {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(lastExecution, "lastExecution");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
  }
}
