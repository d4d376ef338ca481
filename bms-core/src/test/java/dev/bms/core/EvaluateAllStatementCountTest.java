package dev.bms.core;

import dev.bms.testkit.jdbc.StatementCountingDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluateAll()} costs the same number of SQL statements for 10 jobs as for 1,000: counted on
 * the connections, not timed. Every job has a reported restore point with two copies. Counted up
 * to the first published event (published once the changed verdicts are stored): what listeners do
 * with the results is their own cost (the alert engine's is counted by
 * {@link ComplianceAlertStatementCountTest}).
 */
class EvaluateAllStatementCountTest {
  @TempDir
  Path dir;

  @Test
  void evaluateAllStatementsDoNotGrowWithTheNumberOfJobs() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    StatementCountingDataSource counting = StatementCountingDataSource.onThread(h2, Thread.currentThread());
    try (BackupManager bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).instanceId("count")
        // no background refresh of stored verdicts: every verdict is new to the counted evaluations
        .scheduler(false).build()) {
      // evaluateAll publishes its events after every read; this listener, registered before start()
      // and so before the alert engine's, notes the count when the first event arrives: the
      // statements of the evaluation itself, not of what listeners do with its results
      AtomicLong atFirstEvent = new AtomicLong(-1);
      Thread test = Thread.currentThread();
      bms.subscribe(e -> {
        // the background refresher of stored verdicts publishes too: only this thread's events count
        if (e instanceof ComplianceEvaluatedEvent && atFirstEvent.get() < 0 && Thread.currentThread() == test) {
          atFirstEvent.set(counting.statements());
        }
      });
      bms.start();
      addJobs(bms, 0, 10);
      counting.reset();
      atFirstEvent.set(-1);
      List<JobCompliance> ten = bms.compliance().evaluateAll();
      long forTen = atFirstEvent.get();

      addJobs(bms, 10, 990);
      counting.reset();
      atFirstEvent.set(-1);
      List<JobCompliance> thousand = bms.compliance().evaluateAll();
      long forThousand = atFirstEvent.get();

      assertThat(ten).hasSize(10);
      assertThat(thousand).hasSize(1000);
      assertThat(thousand).allSatisfy(c -> assertThat(c.restorePoint()).isPresent());
      assertThat(forThousand).isEqualTo(forTen);
      // jobs, policies, default policy, restore points, their copies, lock proofs, newest verifications,
      // stored verdicts; then the changed verdicts stored in three batched statements, with the
      // per-(rule, status) counters kept in step: lock, rows counted before and after, counter keys,
      // batched updates and inserts
      assertThat(forTen).isPositive().isLessThanOrEqualTo(16);
    }
  }

  private static void addJobs(BackupManager bms, int from, int count) {
    for (int i = from; i < from + count; i++) {
      JobId id = bms.jobs().create(BackupJob.builder("job-" + i)
          .copy(CopySpec.target("lab", LabPlugin.lab("TAPE", "vault", true, false, true, "none")).named("tape"))
          .copy(CopySpec.target("lab", LabPlugin.lab("OBJECT_STORAGE", "eu", true, true, false, "valid")).named("cloud"))
          .build());
      ReportedRun e = bms.executions().begin(id);
      bms.executions().complete(e.id(), e.token(), List.of(
          CopyResult.succeeded("tape", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)),
          CopyResult.succeeded("cloud", 1, 1, Duration.ofSeconds(1), "ab".repeat(32))));
    }
  }
}
