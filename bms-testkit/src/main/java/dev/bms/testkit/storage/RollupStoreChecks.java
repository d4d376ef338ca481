package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.spi.storage.LastStatusCounts;
import dev.bms.spi.storage.Rollup;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of the execution rollups of {@link Storage#reports()}: refreshing slots recomputes
 * them from the executions (so refreshing again changes nothing), totals sum every job, a rebuild
 * gives the same rows, and each job's last status follows its newest terminal execution. A group of
 * {@link StorageCompatibilityKit}, skipped for a storage without {@code REPORTS}.
 */
public abstract class RollupStoreChecks extends StoreChecks {
  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.REPORTS);
  }

  /** Each fixture execution runs from createdAt + 1 s to createdAt + 60 s and stores 1,000 bytes. */
  private Execution run(Map<JobId, Set<Long>> marks, JobId job, ExecutionStatus status, Instant createdAt) {
    Execution e = execution(job, status, createdAt);
    storage.executions().insert(e);
    e.finishedAt().ifPresent(f -> marks.computeIfAbsent(job, k -> new HashSet<>()).add(Rollup.slotOf(f)));
    return e;
  }

  @Test
  void refreshRecomputesFromExecutionsAndRebuildAgrees() {
    Job a = job("a");
    Job b = job("b");
    job("never ran");
    Map<JobId, Set<Long>> marks = new HashMap<>();
    // T0 = 00:59:58.123: these finish at 01:00:58 and 01:10:58 (one slot) and 02:00:58
    run(marks, a.id(), ExecutionStatus.SUCCEEDED, T0);
    run(marks, a.id(), ExecutionStatus.FAILED, T0.plus(Duration.ofMinutes(10)));
    run(marks, a.id(), ExecutionStatus.PARTIAL, T0.plus(Duration.ofHours(1)));
    run(marks, b.id(), ExecutionStatus.CANCELLED, T0);
    run(marks, b.id(), ExecutionStatus.RUNNING, T0);

    storage.reports().orElseThrow().refreshRollups(marks);

    Instant one = Instant.parse("2026-03-29T01:00:00Z");
    Instant two = Instant.parse("2026-03-29T02:00:00Z");
    List<Rollup> expected = List.of(
        new Rollup(one, 1, 0, 1, 1, 3 * 59_000, 59_000, 3_000),
        new Rollup(two, 0, 1, 0, 0, 59_000, 59_000, 1_000));
    Instant from = T0.minus(Duration.ofHours(1));
    Instant to = T0.plus(Duration.ofHours(3));
    assertThat(storage.reports().orElseThrow().rollupTotals(from, to)).containsExactlyElementsOf(expected);
    assertThat(storage.reports().orElseThrow().jobRollups(a.id(), from, to)).containsExactly(
        new Rollup(one, 1, 0, 1, 0, 2 * 59_000, 59_000, 2_000), expected.get(1));
    assertThat(storage.reports().orElseThrow().rollupTotals(two, to)).containsExactly(expected.get(1));
    assertThat(storage.reports().orElseThrow().jobsByLastStatus()).isEqualTo(new LastStatusCounts(
        Map.of(ExecutionStatus.PARTIAL, 1L, ExecutionStatus.CANCELLED, 1L), 3));

    // summed per bucket: [from, one) empty, [one, 01:30) the first slot, an empty bucket, [01:30, to) the rest
    Instant half = one.plus(Duration.ofMinutes(30));
    assertThat(storage.reports().orElseThrow().rollupTotals(List.of(from, one, half, half, to))).containsExactly(
        new Rollup(from, 0, 0, 0, 0, 0, 0, 0), expected.get(0), new Rollup(half, 0, 0, 0, 0, 0, 0, 0),
        new Rollup(half, 0, 1, 0, 0, 59_000, 59_000, 1_000));
    assertThat(storage.reports().orElseThrow().rollupTotals(List.of(from, to))).containsExactly(
        new Rollup(from, 1, 1, 1, 1, 4 * 59_000, 59_000, 4_000));

    // a retried refresh (an event delivered twice, an import of the same slots) counts nothing twice
    storage.reports().orElseThrow().refreshRollups(marks);
    assertThat(storage.reports().orElseThrow().rollupTotals(from, to)).containsExactlyElementsOf(expected);

    // a later execution of b replaces its last status; the older slot of a refreshed alone stays right
    run(marks, b.id(), ExecutionStatus.SUCCEEDED, T0.plus(Duration.ofHours(2)));
    storage.reports().orElseThrow().refreshRollups(marks);
    assertThat(storage.reports().orElseThrow().jobsByLastStatus().byStatus())
        .containsExactlyInAnyOrderEntriesOf(Map.of(ExecutionStatus.PARTIAL, 1L, ExecutionStatus.SUCCEEDED, 1L));
    List<Rollup> after = storage.reports().orElseThrow().rollupTotals(from, to);
    assertThat(after).hasSize(3).startsWith(expected.get(0), expected.get(1));

    assertThat(storage.reports().orElseThrow().rebuildRollups()).isEqualTo(4);
    assertThat(storage.reports().orElseThrow().rollupTotals(from, to)).containsExactlyElementsOf(after);
    assertThat(storage.reports().orElseThrow().jobsByLastStatus().byStatus())
        .containsExactlyInAnyOrderEntriesOf(Map.of(ExecutionStatus.PARTIAL, 1L, ExecutionStatus.SUCCEEDED, 1L));

    // a deleted job leaves the counts with its last status
    storage.jobs().delete(a.id());
    assertThat(storage.reports().orElseThrow().jobsByLastStatus())
        .isEqualTo(new LastStatusCounts(Map.of(ExecutionStatus.SUCCEEDED, 1L), 2));
  }

  /**
   * Instances refreshing the same jobs at once while jobs are created and deleted: the counts are
   * still what the executions say (a storage that keeps counters must keep them exact under races).
   */
  @Test
  void lastStatusCountsStayExactUnderConcurrentRefreshesCreatesAndDeletes() throws Exception {
    List<Job> jobs = new java.util.ArrayList<>();
    Map<JobId, Set<Long>> marks = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      Job j = job("concurrent-" + i);
      jobs.add(j);
      run(marks, j.id(), i % 3 == 0 ? ExecutionStatus.FAILED : ExecutionStatus.SUCCEEDED, T0.plusSeconds(i));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        work.add(pool.submit(() -> {
          for (int round = 0; round < 5; round++) {
            storage.reports().orElseThrow().refreshRollups(marks);
            if (writer == 0) {
              storage.jobs().delete(jobs.get(round).id()); // jobs 0..4
            } else if (writer == 1) {
              job("created-" + round);
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : work) {
        f.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    // 20 - 5 deleted + 5 created; of the 15 left (5..19), 6, 9, 12, 15, 18 last FAILED
    assertThat(storage.reports().orElseThrow().jobsByLastStatus())
        .isEqualTo(new LastStatusCounts(Map.of(ExecutionStatus.FAILED, 5L, ExecutionStatus.SUCCEEDED, 10L), 20));
  }
}
