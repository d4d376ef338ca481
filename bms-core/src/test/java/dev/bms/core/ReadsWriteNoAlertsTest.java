package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedRun;
import dev.bms.api.report.ReportBucket;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.jdbc.StatementCountingDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read never writes: once the alerts of a changed state are raised, 100 rounds of the questions a
 * dashboard asks (compliance of every job and of one job, pages and counts of the stored verdicts,
 * the compliance, success-rate and calendar-day reports, the dashboard summary) write nothing at all — no alert raised again, re-counted or given history. Alerts follow changes
 * of state: the count of an open compliance alert stays 1 however often the job is looked at.
 */
class ReadsWriteNoAlertsTest {
  @TempDir
  Path dir;

  @Test
  void hundredReadsWriteNothing() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    StatementCountingDataSource counting = StatementCountingDataSource.onThread(h2, Thread.currentThread());
    AlertingConfig alerting = AlertingConfig.builder()
        .notifier("audit", "log", Map.of("logger", "bms.test.alerts"))
        .route(AlertRoute.builder("all").rules(AlertRule.COMPLIANCE_FAILED, AlertRule.EXECUTION_FAILED)
            .notifiers("audit").sendResolved(true).build())
        .build();
    try (BackupManager bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).alerting(alerting)
        .scheduler(false).instanceId("reads").build()) {
      bms.start();
      List<JobId> ids = addJobs(bms, 20);
      // the state changed (jobs ran): the first evaluation raises the compliance alerts
      bms.compliance().evaluateAll();
      bms.reports().summary(ZoneOffset.UTC); // brings the rollups of the runs above in (a write, not a read)
      List<Alert> before = openAlerts(bms);
      assertThat(before).filteredOn(a -> a.rule().equals(AlertRule.COMPLIANCE_FAILED.id())).hasSize(4);

      counting.reset();
      Instant to = Instant.now();
      for (int i = 0; i < 100; i++) {
        bms.compliance().evaluateAll();
        bms.compliance().evaluate(ids.get(i % ids.size()));
        bms.reports().compliance(0.95);
        bms.reports().successRate(to.minus(Duration.ofDays(7)), to, ReportBucket.DAY, 0.95);
        bms.reports().jobHistory(ids.get(0), to.minus(Duration.ofDays(7)), to);
        // the dashboard's reads of stored state: verdict pages, counts per digit, summary, daily report
        bms.compliance().verdicts(PageRequest.first(7));
        bms.compliance().verdicts(ComplianceStatus.FAIL, PageRequest.first(7));
        bms.compliance().counts();
        bms.reports().summary(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        bms.reports().successRate(today.minusDays(29), today, ZoneOffset.UTC, ReportBucket.DAY, 0.95);
      }
      assertThat(counting.statements()).isPositive();
      assertThat(counting.writesMentioning("bms_alert")).as("alert writes across 100 rounds of reads").isZero();
      assertThat(counting.writes()).as("write statements across 100 rounds of reads").isZero();

      List<Alert> after = openAlerts(bms);
      assertThat(after).containsExactlyInAnyOrderElementsOf(before);
      assertThat(after).filteredOn(a -> a.rule().equals(AlertRule.COMPLIANCE_FAILED.id()))
          .allSatisfy(a -> {
            assertThat(a.count()).isEqualTo(1);
            assertThat(bms.alerts().history(a.id())).extracting(AlertHistoryEntry::kind)
                .containsOnlyOnce(AlertHistoryEntry.Kind.RAISED).doesNotContain(AlertHistoryEntry.Kind.SEEN_AGAIN);
          });
    }
  }

  private static List<Alert> openAlerts(BackupManager bms) {
    return new ArrayList<>(bms.alerts().list(AlertFilter.open(), PageRequest.first(1000)).items());
  }

  /** Every fifth job has two copies (fails "3 copies"), the others three; one run each. */
  static List<JobId> addJobs(BackupManager bms, int count) {
    List<JobId> ids = new ArrayList<>();
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
      ids.add(id);
    }
    return ids;
  }
}
