package dev.bms.core;

import dev.bms.testkit.jdbc.StatementCountingDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedRun;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluateAll()} together with the alert engine's handling of its results costs the same
 * number of SQL statements for 10 jobs as for 500, when every fifth job fails the "3 copies" digit:
 * when the failures are raised (and notified), when they are seen again (which writes nothing), and
 * when they resolve.
 * Statements are counted on the connections of the evaluating thread, where alerts are applied.
 */
class ComplianceAlertStatementCountTest {
  @TempDir
  Path dir;

  @Test
  void evaluateAllWithAlertingDoesNotGrowWithTheNumberOfJobs() {
    long[] ten = measure(10);
    long[] fiveHundred = measure(500);

    assertThat(fiveHundred).containsExactly(ten);
    // evaluation (at most 16, counters included) + open alerts by fingerprint + batched inserts/updates
    // + silences
    for (long n : ten) {
      assertThat(n).isPositive().isLessThanOrEqualTo(26);
    }
  }

  /** Statements of three evaluations: raising, seeing again, resolving. */
  private long[] measure(int jobs) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms-" + jobs) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    StatementCountingDataSource counting = StatementCountingDataSource.onThread(h2, Thread.currentThread());
    AlertingConfig alerting = AlertingConfig.builder()
        .notifier("audit", "log", Map.of("logger", "bms.test.alerts"))
        .route(AlertRoute.builder("compliance").rules(AlertRule.COMPLIANCE_FAILED).notifiers("audit")
            .sendResolved(true).build())
        .build();
    try (BackupManager bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).alerting(alerting)
        .scheduler(false).instanceId("count-" + jobs).build()) {
      bms.start();
      addJobs(bms, jobs);
      int failing = jobs / 5;

      long raising = counted(counting, bms);
      List<Alert> open = openComplianceAlerts(bms);
      assertThat(open).hasSize(failing).allSatisfy(a -> {
        assertThat(a.labels()).containsEntry("bms.compliance.rule", "3-copies");
        assertThat(a.lastNotifiedAt()).isPresent();
      });

      long seeing = counted(counting, bms);
      // seen again unchanged: a lasting state restated, not a new occurrence
      assertThat(openComplianceAlerts(bms)).hasSize(failing).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));

      bms.compliance().setDefaultPolicy(CompliancePolicy.defaults().withMinCopies(2));
      long resolving = counted(counting, bms);
      assertThat(openComplianceAlerts(bms)).isEmpty();
      assertThat(bms.alerts().get(open.get(0).id()).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);
      return new long[] {raising, seeing, resolving};
    }
  }

  private static long counted(StatementCountingDataSource counting, BackupManager bms) {
    counting.reset();
    bms.compliance().evaluateAll();
    return counting.statements();
  }

  private static List<Alert> openComplianceAlerts(BackupManager bms) {
    List<Alert> all = new ArrayList<>();
    var page = bms.alerts().list(AlertFilter.open().withRule(AlertRule.COMPLIANCE_FAILED.id()), PageRequest.first(1000));
    all.addAll(page.items());
    assertThat(page.nextCursor()).isEmpty();
    return all;
  }

  /** Every fifth job has two copies (fails "3 copies"), the others three. */
  private static void addJobs(BackupManager bms, int count) {
    for (int i = 0; i < count; i++) {
      boolean thin = i % 5 == 0;
      BackupJob.Builder job = BackupJob.builder("job-" + i)
          .copy(CopySpec.target("lab", LabPlugin.lab("TAPE", "vault", true, false, true, "none")).named("tape"))
          .copy(CopySpec.target("lab", LabPlugin.lab("OBJECT_STORAGE", "eu", true, true, false, "valid")).named("cloud"));
      if (!thin) {
        job.copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"));
      }
      JobId id = bms.jobs().create(job.build());
      ReportedRun e = bms.executions().begin(id);
      List<CopyResult> results = new ArrayList<>(List.of(
          CopyResult.succeeded("tape", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)),
          CopyResult.succeeded("cloud", 1, 1, Duration.ofSeconds(1), "ab".repeat(32))));
      if (!thin) {
        results.add(CopyResult.succeeded("disk", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)));
      }
      bms.executions().complete(e.id(), e.token(), results);
    }
  }
}
