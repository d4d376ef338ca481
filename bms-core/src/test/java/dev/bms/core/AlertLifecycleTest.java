package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.JobId;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.api.model.Severity;
import dev.bms.api.model.SeverityAckStats;
import dev.bms.api.model.Silence;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silences, acknowledgements and SLAs, grouping, inhibition and the digest. */
class AlertLifecycleTest {
  @TempDir
  Path dir;
  AlertHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private AlertHarness start() throws Exception {
    return start(1000);
  }

  private AlertHarness start(int targetFailingJobs) throws Exception {
    h = new AlertHarness(dir, AlertHarness.config().targetFailingJobs(targetFailingJobs)
        .notifier("rec", "recording", Map.of("box", "rec"))
        .route(AlertRoute.builder("failures").rules(AlertRule.EXECUTION_FAILED, AlertRule.TARGET_FAILING)
            .notifiers("rec").build())
        .build());
    return h;
  }

  @Test
  void aSilenceHoldsNotificationsBackUntilItEndsButTheAlertIsStillRaised() throws Exception {
    start();
    JobId prod = h.failingJob("prod-db", Map.of("env", "prod"));
    JobId dev = h.failingJob("dev-db", Map.of("env", "dev"));
    Silence s = h.bms.alerts().silence(Map.of("env", "prod"), AlertHarness.T0, AlertHarness.T0.plusSeconds(3600),
        "carol", "storage maintenance");
    assertThat(h.bms.alerts().silences()).containsExactly(s);

    h.bms.executions().runNow(prod);
    h.bms.executions().runNow(dev);

    Alert prodAlert = h.open(prod, "execution-failed").get(0);
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(1);
    assertThat(h.notifiers.box("rec").get(0).alerts().get(0).jobName()).contains("dev-db");
    assertThat(h.bms.alerts().history(prodAlert.id())).extracting(AlertHistoryEntry::kind)
        .contains(AlertHistoryEntry.Kind.SUPPRESSED).doesNotContain(AlertHistoryEntry.Kind.NOTIFIED);
    assertThat(h.counter("bms.alerts.suppressed", "reason", "silenced")).isEqualTo(1);

    // while silenced, the periodic check keeps it quiet; once the silence ended it is sent
    h.clock.advance(Duration.ofMinutes(30));
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(1);
    h.bms.alerts().expireSilence(s.id());
    assertThat(h.bms.alerts().silences()).isEmpty();
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(2);
    assertThat(h.notifiers.box("rec").get(1).alerts().get(0).alertId()).isEqualTo(prodAlert.id().toString());
    assertThatThrownBy(() -> h.bms.alerts().expireSilence("s-none")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> h.bms.alerts().silence(Map.of(), AlertHarness.T0, AlertHarness.T0, "x", ""))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("until");
  }

  @Test
  void acknowledgementsInsideAndOutsideTheSlaAreReported() throws Exception {
    start();
    JobId a = h.failingJob("job-a", Map.of());
    JobId b = h.failingJob("job-b", Map.of());
    JobId c = h.failingJob("job-c", Map.of("bms.alert.severity", "WARNING"));
    JobId d = h.failingJob("job-d", Map.of());
    for (JobId j : List.of(a, b, c, d)) {
      h.bms.executions().runNow(j);
    }
    AlertId alertA = h.open(a, "execution-failed").get(0).id();
    AlertId alertB = h.open(b, "execution-failed").get(0).id();
    AlertId alertC = h.open(c, "execution-failed").get(0).id();
    AlertId alertD = h.open(d, "execution-failed").get(0).id();
    // delivery runs on the notifier's own threads (real ones: the injected clock decides when
    // something is due, not when a thread gets the CPU): wait for the four FIRING notifications,
    // so the count taken below for the repeat notification does not depend on the machine's load
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(4);

    h.clock.advance(Duration.ofMinutes(10));
    Alert ackedA = h.bms.alerts().acknowledge(alertA, "alice", "restarting the NAS");
    assertThat(ackedA.state()).isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(ackedA.slaBreached()).isFalse();
    assertThat(ackedA.acknowledgedBy()).contains("alice");
    assertThat(h.bms.alerts().acknowledge(alertA, "bob", "me too").acknowledgedBy()).contains("alice");

    // the critical SLA (15 min) passes: the periodic check records B and D as breached
    h.clock.advance(Duration.ofMinutes(6));
    h.engine.tick();
    assertThat(h.bms.alerts().get(alertB).orElseThrow().slaBreached()).isTrue();
    assertThat(h.bms.alerts().get(alertA).orElseThrow().slaBreached()).isFalse();
    assertThat(h.bms.alerts().get(alertC).orElseThrow().slaBreached()).isFalse();
    assertThat(h.counter("bms.alerts.sla.breaches", "severity", "CRITICAL")).isEqualTo(2);

    h.clock.advance(Duration.ofMinutes(4));
    Alert lateB = h.bms.alerts().acknowledge(alertB, "bob", "");
    assertThat(lateB.slaBreached()).isTrue();
    h.bms.alerts().acknowledge(alertC, "carol", "within 2 h");
    assertThat(h.counter("bms.alerts.sla.breaches", "severity", "CRITICAL")).isEqualTo(2);

    AckSlaReport report = h.bms.alerts().slaReport(AlertHarness.T0, AlertHarness.T0.plus(Duration.ofDays(1)));
    SeverityAckStats critical = report.of(Severity.CRITICAL);
    assertThat(critical.sla()).isEqualTo(Duration.ofMinutes(15));
    assertThat(critical.raised()).isEqualTo(3);
    assertThat(critical.acknowledged()).isEqualTo(2);
    assertThat(critical.withinSla()).isEqualTo(1);
    assertThat(critical.breached()).isEqualTo(2);
    assertThat(critical.p50()).contains(Duration.ofMinutes(10));
    assertThat(critical.p95()).contains(Duration.ofMinutes(20));
    assertThat(critical.max()).contains(Duration.ofMinutes(20));
    SeverityAckStats warning = report.of(Severity.WARNING);
    assertThat(warning.sla()).isEqualTo(Duration.ofHours(2));
    assertThat(warning.withinSla()).isEqualTo(1);
    assertThat(warning.breached()).isZero();
    assertThat(report.of(Severity.INFO).raised()).isZero();
    assertThat(report.breaches()).extracting(br -> br.alertId()).containsExactlyInAnyOrder(alertB, alertD);
    assertThat(report.breaches()).allSatisfy(br -> assertThat(br.detectedAt())
        .isEqualTo(AlertHarness.T0.plus(Duration.ofMinutes(16))));
    assertThat(h.bms.alerts().history(alertB)).extracting(AlertHistoryEntry::kind)
        .contains(AlertHistoryEntry.Kind.SLA_BREACHED, AlertHistoryEntry.Kind.ACKNOWLEDGED);

    // an acknowledged alert is not re-notified after the repeat interval; an unacknowledged one is
    h.clock.advance(Duration.ofHours(5));
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).hasSize(5);
    assertThat(h.notifiers.box("rec").get(4).alerts()).singleElement()
        .satisfies(n -> assertThat(n.alertId()).isEqualTo(alertD.toString()));

    assertThatThrownBy(() -> h.bms.alerts().acknowledge(new AlertId(UUID.randomUUID()), "x", ""))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> h.bms.alerts().acknowledge(alertD, " ", ""))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("who");
  }

  @Test
  void aBurstWithinTheGroupingWindowBecomesOneNotification() throws Exception {
    // the window is wall time (a timer); 2 s leaves room for three failed runs on a loaded machine
    h = new AlertHarness(dir, AlertHarness.config()
        .groupWindow(Duration.ofSeconds(2))
        .notifier("rec", "recording", Map.of("box", "rec"))
        .route(AlertRoute.builder("failures").rules(AlertRule.EXECUTION_FAILED).notifiers("rec").build())
        .build());
    for (String name : List.of("one", "two", "three")) {
      h.bms.executions().runNow(h.failingJob(name, Map.of()));
    }
    h.awaitDeliveries();
    // each alert is dispatched once, and the window's batch holds all three
    assertThat(h.notifiers.box("rec")).singleElement().satisfies(n -> {
      assertThat(n.alerts()).hasSize(3);
      assertThat(n.title()).isEqualTo("3 alerts on one, three, two");
    });
  }

  @Test
  void aFailingTargetMutesThePerJobAlertsItCauses() throws Exception {
    start(2);
    JobId first = h.failingJob("first", Map.of());
    JobId second = h.failingJob("second", Map.of());
    h.bms.executions().runNow(first);
    h.bms.executions().runNow(second);

    Alert target = h.bms.alerts().open().stream().filter(a -> a.rule().equals("target-failing")).findFirst()
        .orElseThrow();
    assertThat(target.title()).endsWith("is failing");
    assertThat(target.jobId()).isEmpty();
    Alert secondAlert = h.open(second, "execution-failed").get(0);
    assertThat(h.bms.alerts().history(secondAlert.id())).extracting(AlertHistoryEntry::detail)
        .anySatisfy(d -> assertThat(d).contains("held back by alert " + target.id()));
    h.awaitDeliveries();
    assertThat(h.notifiers.box("rec")).extracting(n -> n.alerts().get(0).rule())
        .containsExactly("execution-failed", "target-failing");
    assertThat(h.counter("bms.alerts.suppressed", "reason", "inhibited")).isEqualTo(1);
  }

  @Test
  void theDailyDigestListsOpenAlertsOnceADay() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .notifier("digest", "recording", Map.of("box", "digest"))
        .dailyDigest(LocalTime.of(8, 0), ZoneOffset.UTC, "digest")
        .build());
    h.bms.executions().runNow(h.failingJob("x", Map.of()));
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("digest")).isEmpty();
    h.clock.set(Instant.parse("2026-03-02T08:00:00Z"));
    h.engine.tick();
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("digest")).hasSize(1);
    Notification digest = h.notifiers.box("digest").get(0);
    assertThat(digest.kind()).isEqualTo(NotificationKind.DIGEST);
    assertThat(digest.title()).isEqualTo("1 open alert");
    h.clock.set(Instant.parse("2026-03-03T08:00:01Z"));
    h.engine.tick();
    h.awaitDeliveries();
    assertThat(h.notifiers.box("digest")).hasSize(2);
  }

  @Test
  void everyAttemptIsRecordedAndVisible() throws Exception {
    start();
    JobId job = h.failingJob("visible", Map.of());
    h.bms.executions().runNow(job);
    AlertId id = h.open(job, "execution-failed").get(0).id();
    await().until(() -> !h.bms.alerts().notifications(id).isEmpty());
    assertThat(h.bms.alerts().notifications(id)).singleElement().satisfies(n -> {
      assertThat(n.notifier()).isEqualTo("rec");
      assertThat(n.outcome()).isEqualTo(NotificationAttempt.Outcome.DELIVERED);
      assertThat(n.alertIds()).containsExactly(id);
    });
    assertThat(h.bms.alerts().deliveryStats(AlertHarness.T0, AlertHarness.T0.plusSeconds(1)))
        .singleElement().satisfies(s -> assertThat(s.delivered()).isEqualTo(1));
    assertThat(h.counter("bms.alerts.notified", "notifier", "rec")).isEqualTo(1);
  }
}
