package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import dev.bms.api.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregations behind reports, computed by the database, and the rollups they read: per job per
 * 15-minute slot ({@link Rollup}) and per slot over every job, maintained from the executions.
 *
 * @since 0.1.0
 */
public interface ReportStore {

  /**
   * Terminal executions finished in {@code [from, to)}, counted per status and per bucket: bucket
   * {@code i} covers {@code [from + i * bucket, from + (i + 1) * bucket)}. One query.
   */
  List<OutcomeCount> outcomeCounts(Instant from, Instant to, Duration bucket);

  /**
   * Recomputes from the executions the rollups of these jobs in these slots ({@link Rollup#slotOf}),
   * then the all-jobs totals of those slots. Idempotent: refreshing twice, or after a retried or
   * imported execution, gives the same rows. One transaction, a fixed number of batched statements.
   */
  void refreshRollups(Map<JobId, Set<Long>> slots);

  /**
   * Recomputes every rollup from the executions (for data written before rollups existed), a page of
   * jobs at a time; returns the number of per-job rows written.
   */
  long rebuildRollups();

  /** The all-jobs rollups of the slots in {@code [from, to)} that have executions, by start. One query. */
  List<Rollup> rollupTotals(Instant from, Instant to);

  /**
   * The all-jobs rollups summed per bucket: bucket {@code i} covers the slots in
   * {@code [boundaries[i], boundaries[i + 1])}, so a report's calendar days in any zone (23 or 25
   * hours across a DST change) are asked for as their midnights. Returns one rollup per bucket, in
   * order, starting at its boundary (zeros where nothing finished), whatever the number of jobs and
   * slots. The default sums {@link #rollupTotals(Instant, Instant)} in memory; a store that can sum
   * in its query should override it (JDBC: one query returning one row per bucket).
   *
   * @param boundaries at least two, ascending (equal neighbours make an empty bucket)
   * @since 0.2.0
   */
  default List<Rollup> rollupTotals(List<Instant> boundaries) {
    RollupBuckets buckets = new RollupBuckets(boundaries);
    for (Rollup r : rollupTotals(boundaries.get(0), boundaries.get(boundaries.size() - 1))) {
      buckets.add(r);
    }
    return buckets.sums();
  }

  /** One job's rollups of the slots in {@code [from, to)} that have executions, by start. One query. */
  List<Rollup> jobRollups(JobId jobId, Instant from, Instant to);

  /**
   * Jobs by the status of their newest terminal execution, kept with the rollups (so as current as
   * the last {@link #refreshRollups} of the job). One query.
   */
  LastStatusCounts jobsByLastStatus();

  /** FIRING alerts per severity (severities without any are absent). One query. */
  Map<Severity, Long> firingAlertsBySeverity();
}
