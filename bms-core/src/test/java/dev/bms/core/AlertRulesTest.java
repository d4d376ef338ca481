package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.event.VerificationFinishedEvent;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.Severity;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.ReportedRun;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each alert rule driven by real executions (managed and reported) or by the events of its producer. */
class AlertRulesTest {
  @TempDir
  Path dir;
  AlertHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private AlertHarness start(AlertRoute... routes) throws Exception {
    var config = AlertHarness.config().notifier("rec", "recording", Map.of("box", "rec"));
    for (AlertRoute r : routes) {
      config.route(r);
    }
    h = new AlertHarness(dir, config.build());
    return h;
  }

  private static AlertRoute all(boolean sendResolved) {
    return AlertRoute.builder("all").notifiers("rec").sendResolved(sendResolved).build();
  }

  @Test
  void tenFailuresOfOneJobAreOneAlertWithCountTenAndOneNotificationUntilTheRepeatIntervalPassed() throws Exception {
    start(AlertRoute.builder("failures").rules(AlertRule.EXECUTION_FAILED).notifiers("rec").build());
    JobId job = h.failingJob("nightly", Map.of("env", "prod"));

    for (int i = 0; i < 10; i++) {
      h.clock.advance(Duration.ofMinutes(1));
      assertThat(h.bms.executions().runNow(job).status()).isEqualTo(ExecutionStatus.FAILED);
    }

    List<Alert> open = h.open(job, "execution-failed");
    assertThat(open).singleElement().satisfies(a -> {
      assertThat(a.count()).isEqualTo(10);
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.firstSeen()).isEqualTo(AlertHarness.T0.plus(Duration.ofMinutes(1)));
      assertThat(a.lastSeen()).isEqualTo(AlertHarness.T0.plus(Duration.ofMinutes(10)));
      assertThat(a.labels()).containsEntry("env", "prod").containsEntry("bms.job", "nightly")
          .containsEntry("bms.rule", "execution-failed");
      assertThat(a.detail()).contains("disk full");
    });
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(1);
    Notification first = h.notifiers.box("rec").get(0);
    assertThat(first.kind()).isEqualTo(NotificationKind.FIRING);
    assertThat(first.alerts()).singleElement().extracting(NotifiedAlert::title).isEqualTo("Backup nightly failed");
    assertThat(h.counter("bms.alerts.raised", "rule", "execution-failed")).isEqualTo(1);

    // still within the 4 h repeat interval: no new notification; after it: exactly one more
    h.clock.advance(Duration.ofHours(3));
    h.bms.executions().runNow(job);
    h.clock.advance(Duration.ofHours(1));
    h.bms.executions().runNow(job);
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(2);
    assertThat(h.notifiers.box("rec").get(1).alerts().get(0).count()).isEqualTo(12);
    assertThat(h.bms.alerts().history(open.get(0).id())).extracting(AlertHistoryEntry::kind)
        .startsWith(AlertHistoryEntry.Kind.RAISED).contains(AlertHistoryEntry.Kind.SEEN_AGAIN,
            AlertHistoryEntry.Kind.DELIVERED);
  }

  @Test
  void reportedFailuresRaiseConsecutiveFailuresAndALaterSuccessResolvesEverything() throws Exception {
    start(all(true));
    JobId job = h.reportedJob("pg-dump", Map.of());
    for (int i = 0; i < 3; i++) {
      ReportedRun run = h.bms.executions().begin(job);
      h.bms.executions().fail(run.id(), run.token(), "pg_dump exited 1");
    }
    assertThat(h.open(job, "execution-failed")).singleElement().extracting(Alert::count).isEqualTo(3);
    assertThat(h.open(job, "consecutive-failures")).singleElement()
        .satisfies(a -> assertThat(a.title()).isEqualTo("Backup pg-dump failed 3 times in a row"));

    h.clock.advance(Duration.ofMinutes(5));
    ReportedRun ok = h.bms.executions().begin(job);
    h.bms.executions().complete(ok.id(), ok.token(), List.of(CopyResult.succeeded("main", 10, 1, Duration.ofSeconds(1),
        "0".repeat(64))));

    assertThat(h.bms.alerts().open()).isEmpty();
    List<Alert> resolved = h.bms.alerts().list(dev.bms.api.model.AlertFilter.forJob(job),
        dev.bms.api.model.PageRequest.first(10)).items();
    assertThat(resolved).hasSize(2).allSatisfy(a -> {
      assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
      assertThat(a.resolvedAt()).contains(AlertHarness.T0.plus(Duration.ofMinutes(5)));
    });
    // firing notifications for both, then resolved ones (the route sends resolved)
    await().until(() -> h.notifiers.box("rec").stream().filter(n -> n.kind() == NotificationKind.RESOLVED).count() == 2);
    assertThat(h.counter("bms.alerts.resolved")).isEqualTo(2);

    // a new failure after the resolution is a new alert
    ReportedRun again = h.bms.executions().begin(job);
    h.bms.executions().fail(again.id(), again.token(), "again");
    assertThat(h.open(job, "execution-failed")).singleElement()
        .satisfies(a -> assertThat(resolved).extracting(Alert::id).doesNotContain(a.id()));
  }

  @Test
  void aPartialExecutionRaisesCopyFailedUntilAFullSuccess() throws Exception {
    start(all(false));
    JobId partial = h.partialJob("half");
    assertThat(h.bms.executions().runNow(partial).status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(h.open(partial, "copy-failed")).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.title()).isEqualTo("1 of 2 copies of half failed");
      assertThat(a.detail()).contains("Copy broken (failing) failed");
    });
    assertThat(h.open(partial, "execution-failed")).isEmpty();

    JobId reported = h.reportedJob("rep", Map.of());
    ReportedRun run = h.bms.executions().begin(reported);
    h.bms.executions().complete(run.id(), run.token(), List.of(CopyResult.succeeded("main", 1, 1, Duration.ZERO, "0".repeat(64))));
    assertThat(h.open(reported, "copy-failed")).isEmpty();
  }

  @Test
  void severityComesFromTheRuleConfigurationAndJobLabels() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config().severity(AlertRule.EXECUTION_FAILED, Severity.WARNING).build());
    JobId plain = h.failingJob("plain", Map.of());
    JobId quiet = h.failingJob("quiet", Map.of("bms.alert.severity", "info"));
    JobId loud = h.failingJob("loud", Map.of("bms.alert.severity.execution-failed", "CRITICAL",
        "bms.alert.severity", "INFO"));
    for (JobId j : List.of(plain, quiet, loud)) {
      h.bms.executions().runNow(j);
    }
    assertThat(h.open(plain, "execution-failed").get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(h.open(quiet, "execution-failed").get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(h.open(loud, "execution-failed").get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(h.open(loud, "execution-failed").get(0).ackDeadline())
        .isEqualTo(AlertHarness.T0.plus(Duration.ofMinutes(15)));
    assertThat(h.open(quiet, "execution-failed").get(0).ackDeadline())
        .isEqualTo(AlertHarness.T0.plus(Duration.ofHours(24)));
  }

  @Test
  void rpoBreachesAndMissedSchedulesRaiseAndALaterSuccessResolvesThem() throws Exception {
    start(all(false));
    JobId id = h.reportedJob("crm", Map.of());
    Job job = h.bms.jobs().get(id).orElseThrow();
    h.events.publish(new RpoBreachedEvent(job, Duration.ofHours(26), Optional.empty(), h.clock.instant()));
    h.events.publish(new RpoBreachedEvent(job, Duration.ofHours(26), Optional.empty(), h.clock.instant()));
    h.events.publish(new ScheduleMissedEvent(job, AlertHarness.T0.minusSeconds(60), h.clock.instant()));
    assertThat(h.open(id, "rpo-breached")).singleElement().satisfies(a -> {
      // a breach restated while it lasts is one occurrence, not two
      assertThat(a.count()).isEqualTo(1);
      assertThat(a.detail()).contains("26h").contains("never had a successful backup");
    });
    assertThat(h.open(id, "schedule-missed")).singleElement().extracting(Alert::severity).isEqualTo(Severity.WARNING);

    ReportedRun run = h.bms.executions().begin(id);
    h.bms.executions().complete(run.id(), run.token(), List.of(CopyResult.succeeded("main", 1, 1, Duration.ZERO, "0".repeat(64))));
    assertThat(h.bms.alerts().open()).isEmpty();
  }

  @Test
  void aFailingComplianceRuleRaisesAndItsPassResolves() throws Exception {
    start(all(false));
    JobId id = h.reportedJob("files", Map.of());
    Job job = h.bms.jobs().get(id).orElseThrow();
    h.events.publish(new ComplianceEvaluatedEvent(job, List.of(
        new RuleResult("3-copies", ComplianceStatus.FAIL, "1 copy counted, 3 required", List.of("main")),
        new RuleResult("1-offsite", ComplianceStatus.FAIL, "no offsite copy", List.of()),
        new RuleResult("0-errors", ComplianceStatus.PASS, "verified", List.of("main"))), h.clock.instant()));
    assertThat(h.open(id, "compliance-failed")).hasSize(2)
        .allSatisfy(a -> assertThat(a.labels()).containsKey("bms.compliance.rule"));

    h.events.publish(new ComplianceEvaluatedEvent(job, List.of(
        new RuleResult("3-copies", ComplianceStatus.PASS, "3 copies", List.of("main")),
        new RuleResult("1-offsite", ComplianceStatus.UNKNOWN, "cannot tell", List.of())), h.clock.instant()));
    assertThat(h.open(id, "compliance-failed")).singleElement()
        .satisfies(a -> assertThat(a.labels()).containsEntry("bms.compliance.rule", "1-offsite"));
  }

  @Test
  void aFailedVerificationOfARealCopyRaisesAndAPassingOneResolves() throws Exception {
    start(all(false));
    JobId id = h.bms.jobs().create(dev.bms.api.model.BackupJob.builder("verified")
        .source("directory", Map.of("path", h.source.toString()))
        .copy(dev.bms.api.model.CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("v"))).named("nas"))
        .build());
    Execution run = h.bms.executions().runNow(id);
    Job job = h.bms.jobs().get(id).orElseThrow();

    Path stored;
    try (Stream<Path> files = Files.walk(Path.of(run.copy("nas").orElseThrow().location().orElseThrow()))) {
      stored = files.filter(p -> p.getFileName().toString().equals("hello.txt")).findFirst().orElseThrow();
    }
    stored.toFile().setWritable(true);
    byte[] original = Files.readAllBytes(stored);
    Files.writeString(stored, "tampered\n");
    Verification failed = h.bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    assertThat(failed.passed()).isFalse();
    // the verification service does not publish its events yet: publish what it found
    h.events.publish(new VerificationFinishedEvent(job, failed, h.clock.instant()));
    assertThat(h.open(id, "verification-failed")).singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("CHECKSUM").contains("nas"));

    Files.write(stored, original);
    Verification passed = h.bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    assertThat(passed.passed()).isTrue();
    h.events.publish(new VerificationFinishedEvent(job, passed, h.clock.instant()));
    assertThat(h.open(id, "verification-failed")).isEmpty();
  }
}
