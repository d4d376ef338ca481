package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.VerdictPage;
import dev.bms.api.model.ReportedRun;
import dev.bms.core.internal.DefaultBackupManager;
import dev.bms.core.internal.compliance.ComplianceRefresher;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.jdbc.StatementCountingDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job's latest verdict is stored: listing and counting read the stored verdicts (in a fixed
 * number of statements, evaluating nothing), a change of one of a job's facts (an execution
 * finishing, its policy edited, the default policy edited) refreshes its verdict, and alerts follow
 * the stored state: raised on turning FAIL, resolved on turning PASS, nothing written when unchanged.
 */
class StoredComplianceTest {
  @TempDir
  Path dir;
  StatementCountingDataSource counting;
  BackupManager bms;
  ComplianceRefresher refresher;
  List<JobId> ids;

  @BeforeEach
  void start() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    counting = StatementCountingDataSource.onThread(h2, Thread.currentThread());
    AlertingConfig alerting = AlertingConfig.builder()
        .notifier("audit", "log", Map.of("logger", "bms.test.alerts"))
        .route(AlertRoute.builder("compliance").rules(AlertRule.COMPLIANCE_FAILED).notifiers("audit")
            .sendResolved(true).build())
        .build();
    bms = Bms.builder().storage(JdbcStorage.builder().dataSource(counting).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).alerting(alerting)
        .scheduler(false).instanceId("stored").build();
    refresher = ((DefaultBackupManager) bms).internal(ComplianceRefresher.class);
    bms.start();
    ids = ReadsWriteNoAlertsTest.addJobs(bms, 20);
  }

  @AfterEach
  void close() {
    bms.close();
  }

  @Test
  void listingAndCountingReadStoredVerdicts() {
    assertThat(bms.compliance().verdicts(PageRequest.first(100)).total()).as("nothing evaluated yet").isZero();
    List<JobCompliance> evaluated = bms.compliance().evaluateAll();

    counting.reset();
    List<JobCompliance> listed = new ArrayList<>();
    VerdictPage page = bms.compliance().verdicts(PageRequest.first(7));
    listed.addAll(page.items());
    assertThat(page.total()).isEqualTo(20);
    while (page.nextCursor().isPresent()) {
      page = bms.compliance().verdicts(PageRequest.after(page.nextCursor().get(), 7));
      listed.addAll(page.items());
    }
    assertThat(counting.statements()).as("3 pages, each with its total").isEqualTo(6);
    assertThat(listed).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(evaluated);

    VerdictPage failing = bms.compliance().verdicts(ComplianceStatus.FAIL, PageRequest.first(100));
    assertThat(failing.total()).isEqualTo(4);
    assertThat(failing.items()).extracting(JobCompliance::jobId)
        .containsExactlyInAnyOrder(ids.get(0), ids.get(5), ids.get(10), ids.get(15));

    counting.reset();
    ComplianceCounts counts = bms.compliance().counts();
    assertThat(counting.statements()).isEqualTo(1);
    assertThat(counting.writes()).isZero();
    assertThat(counts.rule("3-copies").orElseThrow()).satisfies(r -> {
      assertThat(r.failing()).isEqualTo(4);
      assertThat(r.passing()).isEqualTo(16);
    });
    assertThat(counts.overall().total()).isEqualTo(20);
    assertThat(counts.rules()).extracting(r -> r.ruleId()).startsWith("3-copies", "2-media", "1-offsite",
        "1-immutable", "0-errors");
  }

  @Test
  void factChangesRefreshTheStoredVerdictAndAlertsFollowIt() {
    bms.compliance().evaluateAll();
    JobId thin = ids.get(0);
    JobId full = ids.get(1);
    assertThat(openComplianceAlerts()).hasSize(4);

    // the policy of one failing job relaxed: refreshed on the next flush, its alert resolved
    bms.compliance().setPolicy(thin, CompliancePolicy.defaults().withMinCopies(2));
    refresher.flush();
    assertThat(copies(thin)).isEqualTo(ComplianceStatus.PASS);
    assertThat(openComplianceAlerts()).hasSize(3).noneMatch(a -> a.jobId().equals(java.util.Optional.of(thin)));

    // a newer run of a passing job with one copy failed: it turns FAIL on the next flush, and raises
    ReportedRun e = bms.executions().begin(full);
    bms.executions().complete(e.id(), e.token(), List.of(
        CopyResult.succeeded("tape", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)),
        CopyResult.succeeded("cloud", 1, 1, Duration.ofSeconds(1), "ab".repeat(32)),
        CopyResult.failed("disk", "disk full")));
    assertThat(copies(full)).as("not refreshed before the flush").isEqualTo(ComplianceStatus.PASS);
    refresher.flush();
    assertThat(copies(full)).isEqualTo(ComplianceStatus.FAIL);
    assertThat(stored(full).status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(stored(full).restorePoint()).contains(e.id());
    assertThat(openComplianceAlerts()).hasSize(4).anyMatch(a -> a.jobId().equals(java.util.Optional.of(full)));

    // nothing changed: a flush and a full re-evaluation write nothing at all
    counting.reset();
    refresher.flush();
    bms.compliance().evaluateAll();
    bms.compliance().evaluate(full);
    assertThat(counting.writes()).isZero();

    // the default policy edited: every job is re-evaluated on the next flush, all alerts resolve
    bms.compliance().setDefaultPolicy(CompliancePolicy.defaults().withMinCopies(1));
    refresher.flush();
    assertThat(openComplianceAlerts()).isEmpty();
    assertThat(bms.compliance().counts().rule("3-copies").orElseThrow().failing()).isZero();
    Alert resolved = bms.alerts().list(AlertFilter.all().withRule(AlertRule.COMPLIANCE_FAILED.id()),
        PageRequest.first(100)).items().get(0);
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);

    // a deleted job's verdict goes with it
    bms.jobs().delete(full);
    assertThat(bms.compliance().verdicts(PageRequest.first(100)).items()).extracting(JobCompliance::jobId)
        .doesNotContain(full).hasSize(19);
  }

  private JobCompliance stored(JobId id) {
    return bms.compliance().verdicts(PageRequest.first(100)).items().stream().filter(v -> v.jobId().equals(id))
        .findFirst().orElseThrow();
  }

  private ComplianceStatus copies(JobId id) {
    return stored(id).result("3-copies").orElseThrow().status();
  }

  private List<Alert> openComplianceAlerts() {
    return bms.alerts().list(AlertFilter.open().withRule(AlertRule.COMPLIANCE_FAILED.id()), PageRequest.first(1000))
        .items();
  }
}
