package dev.bms.storage.jdbc;

import dev.bms.testkit.jdbc.StatementCountingDataSource;
import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Listing overviews takes the same number of SQL statements for 10 jobs as for 1,000: counted on
 * the connections, not timed. Each job has an older successful and a newer failed execution, each
 * with two copy results.
 */
abstract class OverviewQueryCountChecks {

  /** A real, empty database's DataSource (bms migrates it). */
  protected abstract DataSource dataSource();

  @Test
  void overviewStatementsDoNotGrowWithTheNumberOfJobs() {
    StatementCountingDataSource counting = StatementCountingDataSource.of(dataSource());
    try (JdbcStorage storage = JdbcStorage.builder().dataSource(counting).build()) {
      storage.start();
      List<Job> jobs = new ArrayList<>();
      addJobs(storage, jobs, 10);

      long forTen = statementsOfOnePage(storage, counting, 10);
      addJobs(storage, jobs, 990);
      long forThousand = statementsOfOnePage(storage, counting, 1_000);

      // one query: the page of jobs joined with their latest executions, those executions' copy
      // results and their last successes
      assertThat(forTen).isEqualTo(1);
      assertThat(forThousand).isEqualTo(forTen);

      // paged: every page of 100 costs what one page of 10 did
      counting.reset();
      Set<Job> seen = new HashSet<>();
      int pages = 0;
      PageRequest request = PageRequest.first(100);
      while (request != null) {
        Page<JobOverview> page = storage.jobs().overview(JobFilter.all(), request);
        pages++;
        page.items().forEach(o -> {
          assertComplete(o);
          seen.add(o.job());
        });
        request = page.next(100).orElse(null);
      }
      assertThat(pages).isEqualTo(10);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(jobs);
      assertThat(counting.statements()).isEqualTo(pages * forTen);
    }
  }

  private static long statementsOfOnePage(JdbcStorage storage, StatementCountingDataSource counting, int jobs) {
    counting.reset();
    Page<JobOverview> page = storage.jobs().overview(JobFilter.all(), PageRequest.first(jobs));
    long statements = counting.statements();
    assertThat(page.items()).hasSize(jobs);
    assertThat(page.nextCursor()).isEmpty();
    page.items().forEach(OverviewQueryCountChecks::assertComplete);
    return statements;
  }

  private static void assertComplete(JobOverview o) {
    Execution latest = o.lastExecution().orElseThrow();
    assertThat(latest.jobId()).isEqualTo(o.job().id());
    assertThat(latest.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(latest.copies()).hasSize(2);
    assertThat(o.lastSuccessAt()).isPresent();
  }

  private static void addJobs(JdbcStorage storage, List<Job> jobs, int count) {
    for (int i = 0; i < count; i++) {
      Job job = newJob(minimalJob("count-" + jobs.size()));
      storage.jobs().insert(job);
      storage.executions().insert(execution(job.id(), ExecutionStatus.SUCCEEDED, T0));
      storage.executions().insert(execution(job.id(), ExecutionStatus.FAILED, T0.plusSeconds(3600)));
      jobs.add(job);
    }
  }
}
