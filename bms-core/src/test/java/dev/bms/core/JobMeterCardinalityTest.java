package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedExecution;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size of a Prometheus scrape at 1,000 jobs, each with a finished execution (a fifth also with a
 * failed one). Without job tags (the default) the scrape has as many bms lines at 1,000 jobs as at 10;
 * per job it grows with the jobs and shrinks again when jobs are deleted.
 */
class JobMeterCardinalityTest {
  private static final int JOBS = 1000;
  private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

  @TempDir
  Path dir;

  @Test
  void withoutJobTagsTheScrapeDoesNotGrowWithTheJobs() {
    long at10 = bmsLines(run(dir.resolve("ten"), JobMetricTags.none(), 10).scrape());
    Scenario big = run(dir.resolve("thousand"), JobMetricTags.none(), JOBS);
    long at1000 = bmsLines(big.scrape());
    System.out.printf("bms lines without job tags: %d at 10 jobs, %d at %d jobs%n", at10, at1000, JOBS);
    assertThat(at1000).isEqualTo(at10).isLessThan(300);
    assertThat(big.scrape()).doesNotContain("job=\"");
    big.close();
  }

  @Test
  void byLabelTheScrapeGrowsWithTheLabelValuesOnly() {
    Scenario s = run(dir, JobMetricTags.byLabel("team"), JOBS);
    String scrape = s.scrape();
    System.out.printf("bms lines by label (4 values): %d at %d jobs%n", bmsLines(scrape), JOBS);
    assertThat(scrape).contains("job_group=\"team-0\"").contains("job_group=\"team-3\"").doesNotContain("job=\"");
    assertThat(bmsLines(scrape)).isLessThan(1000);
    s.close();
  }

  @Test
  void perJobMetersOfDeletedJobsAreRemoved() {
    Scenario s = run(dir, JobMetricTags.perJob(), JOBS);
    long before = bmsLines(s.scrape());
    System.out.printf("bms lines per job: %d at %d jobs%n", before, JOBS);
    assertThat(before).isGreaterThan(3L * JOBS);
    assertThat(s.scrape()).contains("job=\"job-0007\"");

    for (int i = 0; i < JOBS / 2; i++) {
      assertThat(s.bms.jobs().delete(s.ids.get(i))).isTrue();
    }
    // a refresh that began while jobs were being deleted removes only some: wait for the first and the last
    await().atMost(Duration.ofSeconds(30)).until(() -> !s.scrape().contains("job=\"job-0007\"")
        && !s.scrape().contains("job=\"job-0499\""));
    long after = bmsLines(s.scrape());
    System.out.printf("bms lines per job after deleting %d jobs: %d%n", JOBS / 2, after);
    assertThat(s.scrape()).doesNotContain("job=\"job-0499\"").contains("job=\"job-0500\"");
    assertThat(after).isLessThan(before - 2L * (JOBS / 2));
    s.close();
  }

  /** Sample lines of bms meters (comments excluded). */
  static long bmsLines(String scrape) {
    return scrape.lines().filter(l -> l.startsWith("bms_")).count();
  }

  private Scenario run(Path where, JobMetricTags tags, int jobs) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    BackupManager bms = Bms.builder()
        .storage(JdbcStorage.embedded(where.resolve("db")))
        .meterRegistry(registry)
        .jobMetricTags(tags)
        .gaugeRefreshInterval(Duration.ofMillis(200))
        .instanceId("cardinality")
        .build();
    bms.start();
    Map<String, String> target = TestBms.fsTarget(where.resolve("t"));
    List<JobId> ids = new ArrayList<>();
    List<ReportedExecution> runs = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      JobId id = bms.jobs().create(BackupJob.builder(String.format("job-%04d", i))
          .label("team", "team-" + (i % 4))
          .copy(CopySpec.target("filesystem", target).named("local"))
          .build());
      ids.add(id);
      runs.add(new ReportedExecution(id, T, T.plusSeconds(60 + i % 7200),
          List.of(CopyResult.succeeded("local", 1_000 + i, 3, Duration.ofSeconds(4), "ab".repeat(32)))));
      if (i % 5 == 0) {
        runs.add(new ReportedExecution(id, T.plusSeconds(7300), T.plusSeconds(7310),
            List.of(CopyResult.failed("local", "disk full"))));
      }
    }
    bms.executions().record(runs);
    Scenario s = new Scenario(bms, registry, ids);
    // the gauges of this state come with a refresh after the runs were recorded
    long failed = (jobs + 4) / 5;
    await().atMost(Duration.ofSeconds(30))
        .until(() -> s.scrape().contains("bms_jobs{status=\"FAILED\"} " + failed + ".0"));
    return s;
  }

  private record Scenario(BackupManager bms, PrometheusMeterRegistry registry, List<JobId> ids) {
    String scrape() {
      return registry.scrape();
    }

    void close() {
      bms.close();
    }
  }
}
