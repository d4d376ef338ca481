package dev.bms.storage.jdbc;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps {@code bms_job_count} equal to the number of jobs (status {@code ''}) and to
 * {@code bms_job_last} grouped by status, in the transactions that change them, so that the
 * dashboard summary reads a few rows instead of counting 100,000 jobs. The same scheme as
 * {@link VerdictCounts}: a writer first locks row 2 of {@code bms_compliance_count_lock}, then counts
 * the rows it is about to change before and after changing them and adds the difference.
 */
final class JobCounts {
  static final String ALL_JOBS = "";

  private JobCounts() {
  }

  /** Takes the lock that orders every change of these counters; held until the transaction ends. */
  static void lock(RollupMapper m) {
    if (m.lockJobCounts() == null) {
      throw new IllegalStateException("bms_compliance_count_lock has no row 2: the schema was altered outside bms");
    }
  }

  /**
   * Runs {@code change} (which changes the {@code bms_job_last} rows of {@code jobIds}) and adds the
   * difference it made per status. The caller holds {@link #lock}.
   */
  static void trackLast(RollupMapper m, UuidArray jobIds, Runnable change) {
    Map<String, Long> delta = new TreeMap<>();
    m.countLastRows(jobIds).forEach(r -> delta.merge(r.status, -r.jobs, Long::sum));
    change.run();
    m.countLastRows(jobIds).forEach(r -> delta.merge(r.status, r.jobs, Long::sum));
    add(m, delta);
  }

  /** Adds {@code delta} to each status's counter (sorted, so rows are always touched in one order). */
  static void add(RollupMapper m, Map<String, Long> delta) {
    Map<String, Long> sorted = new TreeMap<>(delta);
    sorted.values().removeIf(n -> n == 0);
    if (sorted.isEmpty()) {
      return;
    }
    Set<String> existing = new HashSet<>(m.jobCountKeys());
    sorted.forEach((status, n) -> {
      if (existing.contains(status)) {
        m.addJobCount(status, n);
      } else {
        m.insertJobCount(status, n);
      }
    });
  }
}
