package dev.bms.storage.jdbc;

import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Severity;
import dev.bms.spi.storage.LastStatusCounts;
import dev.bms.spi.storage.Rollup;
import dev.bms.spi.storage.RollupBuckets;
import dev.bms.storage.jdbc.RollupMapper.FinishedRow;
import dev.bms.storage.jdbc.RollupMapper.RollupRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The rollup half of {@link JdbcReportStore}: per-job rows are recomputed from the executions of
 * the (job, slot) pairs asked for, then the totals of those slots from the per-job rows. Nothing is
 * incremented, so a retried refresh or a re-imported execution cannot count twice.
 */
final class JdbcRollups {
  private static final List<String> TERMINAL = Arrays.stream(ExecutionStatus.values())
      .filter(ExecutionStatus::isTerminal).map(Enum::name).toList();
  static final int REBUILD_PAGE = 1_000;
  // the dashboard's counters, read by column position (HandMapped): a handful of rows on every refresh,
  // where MyBatis's automatic mapping would cost more than the query
  private static final String JOBS_BY_LAST_STATUS = "dev.bms.storage.jdbc.RollupMapper.countJobsByLastStatus";
  private static final String FIRING_ALERTS = "dev.bms.storage.jdbc.RollupMapper.countFiringAlerts";

  private final Transactions tx;

  JdbcRollups(Transactions tx) {
    this.tx = tx;
  }

  void refresh(Map<JobId, Set<Long>> slots) {
    Objects.requireNonNull(slots, "slots");
    Map<UUID, Set<Long>> wanted = new HashMap<>();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Map.Entry<JobId, Set<Long>> e : slots.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      wanted.put(e.getKey().value(), e.getValue());
      for (long s : e.getValue()) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    UuidArray ids = UuidArray.of(List.copyOf(wanted.keySet()));
    Instant from = Rollup.startOf(min);
    Instant to = Rollup.startOf(max + 1);
    List<FinishedRow> finished = tx.read("read finished executions for rollups",
        s -> s.getMapper(RollupMapper.class).selectFinished(ids, from, to, TERMINAL));
    Map<UUID, Map<Long, RollupRow>> rows = aggregate(finished);
    Set<Long> touched = new TreeSet<>();
    wanted.values().forEach(touched::addAll);
    // a concurrent refresh of the same pair on another instance can make the insert collide: the
    // recomputation is idempotent, so once more is right
    for (int attempt = 1; ; attempt++) {
      try {
        tx.writeBatched("refresh rollups", null, s -> {
          RollupMapper m = s.getMapper(RollupMapper.class);
          JobCounts.lock(m);
          wanted.forEach((job, set) -> set.forEach(slot -> m.deleteJobRollup(job, slot)));
          wanted.forEach((job, set) -> set.forEach(slot -> {
            RollupRow r = rows.getOrDefault(job, Map.of()).get(slot);
            if (r != null) {
              m.insertJobRollup(job, r);
            }
          }));
          touched.forEach(m::deleteTotal);
          touched.forEach(m::insertTotal);
          Map<UUID, FinishedRow> newest = newest(finished);
          if (!newest.isEmpty()) {
            JobCounts.trackLast(m, UuidArray.of(newest.keySet()), () -> {
              newest.values().forEach(f -> m.deleteLastIfOlder(f.jobId, f.finishedAt));
              newest.values().forEach(f -> m.insertLastIfAbsent(f.jobId, f.id, f.status, f.finishedAt));
            });
          }
          return null;
        });
        return;
      } catch (RuntimeException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  long rebuild() {
    List<UUID> allJobs = tx.read("list jobs for rollups", s -> s.getMapper(RollupMapper.class).selectAllJobIds());
    long written = 0;
    for (int from = 0; from < allJobs.size(); from += REBUILD_PAGE) {
      UuidArray ids = UuidArray.of(allJobs.subList(from, Math.min(allJobs.size(), from + REBUILD_PAGE)));
      List<FinishedRow> finished = tx.read("read finished executions for rollups",
          s -> s.getMapper(RollupMapper.class).selectFinished(ids, null, null, TERMINAL));
      Map<UUID, Map<Long, RollupRow>> rows = aggregate(finished);
      written += rows.values().stream().mapToLong(Map::size).sum();
      tx.writeBatched("rebuild rollups", null, s -> {
        RollupMapper m = s.getMapper(RollupMapper.class);
        m.deleteJobRollups(ids);
        rows.forEach((job, perSlot) -> perSlot.values().forEach(r -> m.insertJobRollup(job, r)));
        JobCounts.lock(m);
        JobCounts.trackLast(m, ids, () -> {
          m.deleteLasts(ids);
          newest(finished).values().forEach(f -> m.insertLastIfAbsent(f.jobId, f.id, f.status, f.finishedAt));
        });
        return null;
      });
    }
    tx.write("rebuild rollup totals", null, s -> {
      RollupMapper m = s.getMapper(RollupMapper.class);
      m.deleteAllTotals();
      m.insertAllTotals();
      // the job counters too, from the rows: data written behind bms's back (a bulk load straight into
      // the tables) is counted again here
      JobCounts.lock(m);
      m.deleteAllJobCounts();
      m.insertAllJobCounts();
      return null;
    });
    return written;
  }

  List<Rollup> totals(Instant from, Instant to) {
    long a = Rollup.slotOf(from);
    long b = slotEnd(to);
    return tx.read("read rollup totals", s -> s.getMapper(RollupMapper.class).selectTotals(a, b)).stream()
        .map(JdbcRollups::toRollup).toList();
  }

  /**
   * The totals summed per bucket of {@code boundaries}, by the database in one pass over the range:
   * buckets of one width (days in UTC, or in any zone between DST changes) by arithmetic, others
   * (a DST change, "this week" and "today") by comparing with each bucket's start.
   */
  List<Rollup> totals(List<Instant> boundaries) {
    RollupBuckets sums = new RollupBuckets(boundaries);
    long[] slots = sums.slotBoundaries();
    long from = slots[0];
    long to = slots[slots.length - 1];
    if (from == to) {
      return sums.sums();
    }
    tx.read("read rollup totals per bucket", s -> {
      BucketTotalsQuery.sum(s, slots, sums);
      return null;
    });
    return sums.sums();
  }

  List<Rollup> forJob(JobId jobId, Instant from, Instant to) {
    long a = Rollup.slotOf(from);
    long b = slotEnd(to);
    return tx.read("read rollups of " + jobId, s -> s.getMapper(RollupMapper.class)
        .selectJobRollups(jobId.value(), a, b)).stream().map(JdbcRollups::toRollup).toList();
  }

  /** The first slot not starting before {@code to}. */
  private static long slotEnd(Instant to) {
    long s = Rollup.slotOf(to);
    return Rollup.startOf(s).equals(to) ? s : s + 1;
  }

  private static Map<UUID, Map<Long, RollupRow>> aggregate(List<FinishedRow> finished) {
    Map<UUID, Map<Long, RollupRow>> out = new HashMap<>();
    for (FinishedRow f : finished) {
      long slot = Rollup.slotOf(f.finishedAt);
      RollupRow r = out.computeIfAbsent(f.jobId, k -> new HashMap<>()).computeIfAbsent(slot, k -> {
        RollupRow n = new RollupRow();
        n.slot = k;
        return n;
      });
      switch (ExecutionStatus.valueOf(f.status)) {
        case SUCCEEDED -> r.succeeded++;
        case PARTIAL -> r.partial++;
        case CANCELLED -> r.cancelled++;
        default -> r.failed++;
      }
      long ms = f.startedAt == null ? 0 : Math.max(0, Duration.between(f.startedAt, f.finishedAt).toMillis());
      r.durationMs += ms;
      r.maxDurationMs = Math.max(r.maxDurationMs, ms);
      r.bytes += f.bytes;
    }
    return out;
  }

  /** Each job's newest execution of these (by finish time, then id). */
  private static Map<UUID, FinishedRow> newest(List<FinishedRow> finished) {
    Map<UUID, FinishedRow> out = new HashMap<>();
    for (FinishedRow f : finished) {
      out.merge(f.jobId, f, (a, b) -> {
        int c = a.finishedAt.compareTo(b.finishedAt);
        return c > 0 || (c == 0 && a.id.compareTo(b.id) > 0) ? a : b;
      });
    }
    return out;
  }

  LastStatusCounts lastStatus() {
    return tx.read("count jobs by last status", s -> HandMapped.query(s, JOBS_BY_LAST_STATUS, Map.of(), rs -> {
      Map<ExecutionStatus, Long> by = new EnumMap<>(ExecutionStatus.class);
      long jobs = 0;
      while (rs.next()) {
        String status = rs.getString(1);
        if (JobCounts.ALL_JOBS.equals(status)) {
          jobs = rs.getLong(2);
        } else {
          by.put(ExecutionStatus.valueOf(status), rs.getLong(2));
        }
      }
      return new LastStatusCounts(by, jobs);
    }));
  }

  Map<Severity, Long> firingAlerts() {
    return tx.read("count firing alerts", s -> HandMapped.query(s, FIRING_ALERTS, Map.of(), rs -> {
      Map<Severity, Long> out = new EnumMap<>(Severity.class);
      while (rs.next()) {
        out.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
      }
      return out;
    }));
  }

  private static Rollup toRollup(RollupRow r) {
    return new Rollup(Rollup.startOf(r.slot), r.succeeded, r.partial, r.failed, r.cancelled, r.durationMs,
        r.maxDurationMs, r.bytes);
  }
}
