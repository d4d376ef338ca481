package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.Severity;
import dev.bms.api.report.DashboardSummary;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.api.report.SuccessRateRow;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.jdbc.StatementCountingDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports read from the execution rollups: success rate per calendar day of a time zone (a DST day
 * has 23 hours), rollups rebuilt from the executions give the same report, and the dashboard summary
 * answers from stored state in four statements whether there are 10 jobs or 200.
 */
class RollupReportsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir
  Path dir;

  private BackupManager open(String name, StatementCountingDataSource[] counting) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    counting[0] = StatementCountingDataSource.onThread(h2, Thread.currentThread());
    AlertingConfig alerting = AlertingConfig.builder()
        .notifier("audit", "log", Map.of("logger", "bms.test.alerts"))
        .route(AlertRoute.builder("all").rules(AlertRule.EXECUTION_FAILED).notifiers("audit").build())
        .build();
    BackupManager bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting[0]).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).alerting(alerting)
        .scheduler(false).instanceId(name).build();
    bms.start();
    return bms;
  }

  private static ReportedExecution reported(JobId job, String finished, boolean tape, boolean cloud) {
    Instant at = Instant.parse(finished);
    List<CopyResult> copies = new ArrayList<>();
    copies.add(tape ? CopyResult.succeeded("tape", 1, 10, Duration.ofSeconds(1), "ab".repeat(32))
        : CopyResult.failed("tape", "jammed"));
    copies.add(cloud ? CopyResult.succeeded("cloud", 1, 10, Duration.ofSeconds(1), "ab".repeat(32))
        : CopyResult.failed("cloud", "unreachable"));
    return new ReportedExecution(job, at.minusSeconds(90), at, copies);
  }

  @Test
  void successRatePerCalendarDayOfAZone() {
    StatementCountingDataSource[] counting = new StatementCountingDataSource[1];
    try (BackupManager bms = open("days", counting)) {
      JobId job = ReadsWriteNoAlertsTest.addJobs(bms, 1).get(0);
      bms.executions().record(List.of(
          reported(job, "2026-03-28T22:30:00Z", false, false), // 23:30 on the 28th in Berlin (CET)
          reported(job, "2026-03-28T23:30:00Z", true, true),   // 00:30 on the 29th
          reported(job, "2026-03-29T21:30:00Z", true, false),  // 23:30 on the 29th (CEST since 02:00)
          reported(job, "2026-03-29T22:30:00Z", true, true))); // 00:30 on the 30th

      SuccessRateReport r = bms.reports().successRate(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-30"),
          BERLIN, ReportBucket.DAY, 0.95);

      assertThat(r.rows()).extracting(SuccessRateRow::label).containsExactly("2026-03-28", "2026-03-29", "2026-03-30");
      assertThat(r.rows()).extracting(SuccessRateRow::executions).containsExactly(1L, 2L, 1L);
      assertThat(r.rows()).extracting(SuccessRateRow::failed).containsExactly(1L, 0L, 0L);
      assertThat(r.rows().get(1).partial()).isEqualTo(1);
      assertThat(Duration.between(r.rows().get(1).from(), r.rows().get(1).to())).as("the DST day").hasHours(23);
      assertThat(r.total().executions()).isEqualTo(4);
      assertThat(r.total().succeeded()).isEqualTo(2);

      // the same executions by UTC days: 2 and 2
      SuccessRateReport utc = bms.reports().successRate(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"),
          ZoneOffset.UTC, ReportBucket.WEEK, 0.95);
      assertThat(utc.rows()).hasSize(1);
      assertThat(utc.rows().get(0).executions()).isEqualTo(4);
      assertThat(bms.reports().successRate(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-28"),
          ZoneOffset.UTC, ReportBucket.DAY, 0.95).total().executions()).isEqualTo(2);

      // rebuilt from the executions: the same figures
      assertThat(bms.reports().rebuildRollups()).isPositive();
      assertThat(bms.reports().successRate(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-30"), BERLIN,
          ReportBucket.DAY, 0.95).rows()).isEqualTo(r.rows());

      assertThatThrownBy(() -> bms.reports().successRate(LocalDate.parse("2026-03-30"), LocalDate.parse("2026-03-28"),
          BERLIN, ReportBucket.DAY, 0.95)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("lastDay");
      assertThatThrownBy(() -> bms.reports().summary(null))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("zone");
    }
  }

  @Test
  void summaryFromStoredStateInFourStatementsWhateverTheNumberOfJobs() {
    long ten = summaryStatements("ten", 10);
    long twoHundred = summaryStatements("two-hundred", 200);
    assertThat(twoHundred).isEqualTo(ten).isEqualTo(4);
  }

  private long summaryStatements(String name, int jobs) {
    StatementCountingDataSource[] counting = new StatementCountingDataSource[1];
    try (BackupManager bms = open(name, counting)) {
      List<JobId> ids = ReadsWriteNoAlertsTest.addJobs(bms, jobs);
      // after the runs of addJobs: job 1's newest run fails now, job 2's partially
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      bms.executions().record(List.of(
          reported(ids.get(1), now.toString(), false, false),
          reported(ids.get(2), now.toString(), true, false)));
      JobId never = bms.jobs().create(dev.bms.api.model.BackupJob.builder("never ran")
          .copy(dev.bms.api.model.CopySpec.target("lab", LabPlugin.lab("TAPE", "v", true, false, true, "none"))
              .named("tape")).build());
      bms.compliance().evaluateAll();
      bms.reports().summary(ZoneOffset.UTC);

      counting[0].reset();
      DashboardSummary s = bms.reports().summary(ZoneOffset.UTC);
      long statements = counting[0].statements();

      assertThat(counting[0].writes()).isZero();
      assertThat(s.jobs()).isEqualTo(jobs + 1);
      assertThat(s.jobsNeverFinished()).isEqualTo(1);
      assertThat(s.jobsByLastStatus()).containsEntry(ExecutionStatus.SUCCEEDED, (long) jobs - 2)
          .containsEntry(ExecutionStatus.FAILED, 1L).containsEntry(ExecutionStatus.PARTIAL, 1L);
      assertThat(s.firingAlerts()).containsOnlyKeys(Severity.values());
      var firing = bms.alerts().list(dev.bms.api.model.AlertFilter.all(), dev.bms.api.model.PageRequest.first(1000))
          .items().stream().filter(a -> a.state() == dev.bms.api.model.AlertState.FIRING).toList();
      assertThat(firing).extracting(a -> a.rule()).contains(AlertRule.EXECUTION_FAILED.id());
      for (Severity severity : Severity.values()) {
        assertThat(s.firingAlerts().get(severity)).as(severity.name())
            .isEqualTo(firing.stream().filter(a -> a.severity() == severity).count());
      }
      assertThat(s.compliance().overall().total()).isEqualTo(jobs + 1);
      assertThat(s.compliance().rule("3-copies").orElseThrow().failing()).isGreaterThanOrEqualTo(jobs / 5);
      // every execution finished within the last seconds: today (addJobs ran them, plus the two reported)
      assertThat(s.today().executions()).isEqualTo(jobs + 2);
      assertThat(s.today().failed()).isEqualTo(1);
      assertThat(s.thisWeek().executions()).isGreaterThanOrEqualTo(s.today().executions());
      assertThat(never).isNotNull();
      return statements;
    }
  }
}
