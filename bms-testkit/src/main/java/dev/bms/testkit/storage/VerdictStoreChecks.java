package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.spi.storage.VerdictCount;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of the stored compliance verdicts of {@link Storage#compliance()}: round trip with
 * every reason and copy, replacement, listing by job id with a status filter and cursors, counts
 * per rule and overall, and removal with the job. A group of
 * {@link StorageCompatibilityKit}, skipped for a
 * storage without {@code COMPLIANCE}.
 */
public abstract class VerdictStoreChecks extends StoreChecks {
  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.COMPLIANCE);
  }

  private static JobCompliance verdict(Job job, ComplianceStatus copies, ComplianceStatus errors,
                                       Optional<Execution> point, int second) {
    List<RuleResult> results = List.of(
        new RuleResult("3-copies", copies, "2 of 3 copies: \"nas\", 'cloud'", List.of("nas", "cloud")),
        new RuleResult("0-errors", errors, "no verification yet", List.of(), List.of("tape")));
    return new JobCompliance(job.id(), job.name(), JobCompliance.overall(results), results,
        point.map(Execution::id), T0.plusSeconds(second));
  }

  @Test
  void verdictsRoundTripAndReplace() {
    Job a = job("a");
    Job b = job("b");
    Execution e = execution(a.id(), ExecutionStatus.SUCCEEDED, T0);
    storage.executions().insert(e);
    JobCompliance first = verdict(a, ComplianceStatus.FAIL, ComplianceStatus.UNKNOWN, Optional.of(e), 1);
    JobCompliance other = verdict(b, ComplianceStatus.PASS, ComplianceStatus.PASS, Optional.empty(), 1);
    JobCompliance gone = verdict(newJob(minimalJob("never stored")), ComplianceStatus.FAIL, ComplianceStatus.FAIL,
        Optional.empty(), 1);

    storage.compliance().orElseThrow().putVerdicts(List.of(first, other, gone));

    Map<JobId, JobCompliance> read = storage.compliance().orElseThrow().verdicts(List.of(a.id(), b.id(), gone.jobId()));
    assertThat(read).containsOnlyKeys(a.id(), b.id());
    assertThat(read.get(a.id())).isEqualTo(first);
    assertThat(read.get(b.id())).isEqualTo(other);

    JobCompliance second = verdict(a, ComplianceStatus.PASS, ComplianceStatus.PASS, Optional.of(e), 2);
    storage.compliance().orElseThrow().putVerdicts(List.of(second));
    assertThat(storage.compliance().orElseThrow().verdicts(List.of(a.id()))).containsExactly(Map.entry(a.id(), second));
    assertThat(storage.compliance().orElseThrow().verdictCounts()).contains(
        new VerdictCount(Optional.of("3-copies"), ComplianceStatus.PASS, 2),
        new VerdictCount(Optional.empty(), ComplianceStatus.PASS, 2));

    storage.jobs().delete(a.id());
    assertThat(storage.compliance().orElseThrow().verdicts(List.of(a.id(), b.id()))).containsOnlyKeys(b.id());
    assertThat(storage.compliance().orElseThrow().countVerdicts(Optional.empty())).isEqualTo(1);
    assertThat(storage.compliance().orElseThrow().verdictCounts()).containsExactlyInAnyOrder(
        new VerdictCount(Optional.empty(), ComplianceStatus.PASS, 1),
        new VerdictCount(Optional.of("3-copies"), ComplianceStatus.PASS, 1),
        new VerdictCount(Optional.of("0-errors"), ComplianceStatus.PASS, 1));
  }

  /**
   * Counts are what listing every verdict finds, after writers replace overlapping verdicts and jobs are
   * deleted at the same time (a storage that maintains counters must keep them in step under races).
   */
  @Test
  void countsMatchTheVerdictsAfterConcurrentWritesAndDeletes() throws Exception {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      jobs.add(job("racing-" + i));
    }
    ComplianceStatus[] statuses = ComplianceStatus.values();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        work.add(pool.submit(() -> {
          for (int round = 0; round < 15; round++) {
            List<JobCompliance> batch = new ArrayList<>();
            for (int i = writer; i < jobs.size(); i += 2) { // writers 0/2 and 1/3 overlap
              batch.add(verdict(jobs.get(i), statuses[(i + round + writer) % statuses.length],
                  statuses[(i * 7 + round) % statuses.length], Optional.empty(), round));
            }
            storage.compliance().orElseThrow().putVerdicts(batch);
            if (writer == 0 && round % 3 == 2) {
              storage.jobs().delete(jobs.get(round).id());
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

    Map<String, Long> tally = new java.util.TreeMap<>();
    for (JobCompliance v : storage.compliance().orElseThrow().listVerdicts(Optional.empty(), PageRequest.first(1000)).items()) {
      tally.merge("|" + v.status(), 1L, Long::sum);
      for (RuleResult r : v.results()) {
        tally.merge(r.ruleId() + "|" + r.status(), 1L, Long::sum);
      }
    }
    List<VerdictCount> want = tally.entrySet().stream().map(e -> {
      String[] k = e.getKey().split("\\|");
      return new VerdictCount(k[0].isEmpty() ? Optional.empty() : Optional.of(k[0]), ComplianceStatus.valueOf(k[1]),
          e.getValue());
    }).toList();
    assertThat(storage.compliance().orElseThrow().verdictCounts()).containsExactlyInAnyOrderElementsOf(want);
    assertThat(storage.compliance().orElseThrow().countVerdicts(Optional.empty())).isEqualTo(35); // 40 - 5 deleted
  }

  @Test
  void listsByJobIdWithStatusFilterCursorsAndCounts() {
    List<JobCompliance> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Job j = job("job-" + i);
      all.add(verdict(j, i % 3 == 0 ? ComplianceStatus.FAIL : ComplianceStatus.PASS,
          i % 2 == 0 ? ComplianceStatus.UNKNOWN : ComplianceStatus.PASS, Optional.empty(), i));
    }
    storage.compliance().orElseThrow().putVerdicts(all);
    all.sort(Comparator.comparing(v -> v.jobId().value()));

    List<JobCompliance> paged = new ArrayList<>();
    Page<JobCompliance> page = storage.compliance().orElseThrow().listVerdicts(Optional.empty(), PageRequest.first(3));
    paged.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      assertThat(page.items()).hasSize(3);
      page = storage.compliance().orElseThrow().listVerdicts(Optional.empty(), PageRequest.after(page.nextCursor().get(), 3));
      paged.addAll(page.items());
    }
    assertThat(paged).containsExactlyElementsOf(all);

    List<JobCompliance> failing = all.stream().filter(v -> v.status() == ComplianceStatus.FAIL).toList();
    assertThat(storage.compliance().orElseThrow().listVerdicts(Optional.of(ComplianceStatus.FAIL), PageRequest.first(100)).items())
        .containsExactlyElementsOf(failing);
    assertThat(storage.compliance().orElseThrow().countVerdicts(Optional.of(ComplianceStatus.FAIL))).isEqualTo(3);
    assertThat(storage.compliance().orElseThrow().countVerdicts(Optional.empty())).isEqualTo(7);

    // jobs 0, 3, 6 fail copies; 0, 2, 4, 6 unknown errors; overall FAIL 3, UNKNOWN 2 (2, 4), PASS 2
    assertThat(storage.compliance().orElseThrow().verdictCounts()).containsExactlyInAnyOrder(
        new VerdictCount(Optional.empty(), ComplianceStatus.FAIL, 3),
        new VerdictCount(Optional.empty(), ComplianceStatus.UNKNOWN, 2),
        new VerdictCount(Optional.empty(), ComplianceStatus.PASS, 2),
        new VerdictCount(Optional.of("3-copies"), ComplianceStatus.FAIL, 3),
        new VerdictCount(Optional.of("3-copies"), ComplianceStatus.PASS, 4),
        new VerdictCount(Optional.of("0-errors"), ComplianceStatus.UNKNOWN, 4),
        new VerdictCount(Optional.of("0-errors"), ComplianceStatus.PASS, 3));

    assertThatThrownBy(() -> storage.compliance().orElseThrow().listVerdicts(Optional.empty(), PageRequest.after("nonsense", 3)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
  }
}
