package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.VerdictMapper.VerdictCountRow;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps {@code bms_compliance_count} equal to the stored verdicts grouped by (rule, status), in the
 * transaction that changes them: the dashboard then reads a few dozen counter rows instead of grouping
 * one row per job and rule (500,000 rows at 100,000 jobs).
 *
 * <p>Every transaction that writes or deletes verdicts first locks row 1 of
 * {@code bms_compliance_count_lock} (row 2 orders the job counts, see {@link JobCounts}): writers of verdicts (the compliance sweep of each instance, job
 * deletion) then run one after the other, so the rows counted before and after a change are exactly the
 * rows the change removed and added, and two instances never update the same counters in a different
 * order (no deadlock). Counting before and after, rather than trusting the rows this transaction meant
 * to write, also covers verdicts that were not inserted because their job was deleted meanwhile.
 */
final class VerdictCounts {
  private VerdictCounts() {
  }

  /** Takes the lock that orders every change of verdicts; held until the transaction ends. */
  static void lock(VerdictMapper m) {
    if (m.lockCounts() == null) {
      throw new IllegalStateException("bms_compliance_count_lock has no row 1: the schema was altered outside bms");
    }
  }

  /**
   * Runs {@code change} (which deletes and/or inserts the verdicts of {@code jobIds}) and adds the
   * difference it made to the counters. The caller holds {@link #lock}.
   */
  static void track(VerdictMapper m, UuidArray jobIds, Runnable change) {
    Map<Key, Long> before = rows(m.countRows(jobIds));
    change.run();
    Map<Key, Long> delta = rows(m.countRows(jobIds));
    before.forEach((k, n) -> delta.merge(k, -n, Long::sum));
    delta.values().removeIf(n -> n == 0);
    add(m, delta);
  }

  private static void add(VerdictMapper m, Map<Key, Long> delta) {
    if (delta.isEmpty()) {
      return;
    }
    Set<Key> existing = new HashSet<>();
    for (VerdictCountRow r : m.countKeys()) {
      existing.add(new Key(r.ruleId, r.status));
    }
    // sorted (TreeMap), so that a batch touches rows in one order
    delta.forEach((k, n) -> {
      if (existing.contains(k)) {
        m.addCount(k.ruleId, k.status, n);
      }
    });
    delta.forEach((k, n) -> {
      if (!existing.contains(k)) {
        m.insertCount(k.ruleId, k.status, n);
      }
    });
  }

  private static Map<Key, Long> rows(List<VerdictCountRow> rows) {
    Map<Key, Long> out = new TreeMap<>();
    for (VerdictCountRow r : rows) {
      out.merge(new Key(r.ruleId == null ? "" : r.ruleId, r.status), r.count, Long::sum);
    }
    return out;
  }

  private record Key(String ruleId, String status) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = ruleId.compareTo(o.ruleId);
      return c != 0 ? c : status.compareTo(o.status);
    }
  }
}
