package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.NotificationAttempt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery isolation: hanging and failing notifiers never hold up backups or other notifiers. */
class AlertDeliveryTest {
  @TempDir
  Path dir;
  AlertHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aNotifierThatBlocksForeverDelaysNeitherTheBackupNorAnotherNotifier() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .deliveryTimeout(Duration.ofMillis(300))
        .retries(2, Duration.ofMillis(50))
        .notifier("stuck", "blocking", Map.of())
        .notifier("rec", "recording", Map.of("box", "rec"))
        .route(AlertRoute.builder("all").rules(AlertRule.EXECUTION_FAILED).notifiers("stuck", "rec").build())
        .build());
    JobId job = h.failingJob("hangs", Map.of());

    // the first failure: "stuck" enters send and never returns; the backup completes regardless
    Execution first = CompletableFuture.supplyAsync(() -> h.bms.executions().runNow(job)).get(30, TimeUnit.SECONDS);
    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(h.notifiers.blockedInSend.await(10, TimeUnit.SECONDS)).isTrue();
    await().until(() -> h.notifiers.box("rec").size() == 1);
    // while "stuck" still hangs inside send, more backups complete and "rec" keeps delivering
    JobId other = h.failingJob("other", Map.of());
    Execution second = CompletableFuture.supplyAsync(() -> h.bms.executions().runNow(other)).get(30, TimeUnit.SECONDS);
    assertThat(second.status()).isEqualTo(ExecutionStatus.FAILED);
    await().until(() -> h.notifiers.box("rec").size() == 2);

    // the hung channel gives up on its notifications: timed out, then "hung", counted and recorded
    AlertId firstAlert = h.open(job, "execution-failed").get(0).id();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.bms.alerts().notifications(firstAlert).stream()
        .anyMatch(n -> n.notifier().equals("stuck") && n.outcome() == NotificationAttempt.Outcome.UNDELIVERABLE));
    assertThat(h.counter("bms.alerts.delivery.failed", "notifier", "stuck", "reason", "timeout")).isGreaterThanOrEqualTo(1);
    assertThat(h.counter("bms.alerts.undeliverable", "notifier", "stuck")).isGreaterThanOrEqualTo(1);
    assertThat(h.counter("bms.alerts.notified", "notifier", "rec")).isEqualTo(2);
  }

  @Test
  void aFailingChannelRetriesOnItsOwnAndNeverMakesTheOthersResend() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .retries(3, Duration.ofMillis(30))
        .notifier("broken", "broken", Map.of("box", "broken"))
        .notifier("rec", "recording", Map.of("box", "rec"))
        .route(AlertRoute.builder("all").rules(AlertRule.EXECUTION_FAILED).notifiers("broken", "rec").build())
        .build());
    JobId job = h.failingJob("retry", Map.of());
    h.bms.executions().runNow(job);
    AlertId id = h.open(job, "execution-failed").get(0).id();

    await().until(() -> h.bms.alerts().notifications(id).stream()
        .anyMatch(n -> n.outcome() == NotificationAttempt.Outcome.UNDELIVERABLE));
    // the other channel delivers on its own threads, independently
    await().until(() -> h.notifiers.box("rec").size() == 1);
    await().until(() -> h.bms.alerts().notifications(id).size() == 4);
    h.awaitDeliveries();
    assertThat(h.notifiers.brokenAttempts.get("broken").get()).isEqualTo(3);
    assertThat(h.notifiers.box("rec")).hasSize(1);
    assertThat(h.bms.alerts().notifications(id)).extracting(NotificationAttempt::notifier,
        NotificationAttempt::outcome).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("rec", NotificationAttempt.Outcome.DELIVERED),
        org.assertj.core.groups.Tuple.tuple("broken", NotificationAttempt.Outcome.RETRYING),
        org.assertj.core.groups.Tuple.tuple("broken", NotificationAttempt.Outcome.RETRYING),
        org.assertj.core.groups.Tuple.tuple("broken", NotificationAttempt.Outcome.UNDELIVERABLE));
    assertThat(h.counter("bms.alerts.delivery.failed", "notifier", "broken")).isEqualTo(3);
  }

  @Test
  void theFallbackHearsWhenEveryNotifierOfARouteFailed() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .retries(2, Duration.ofMillis(30))
        .notifier("broken-a", "broken", Map.of("box", "a"))
        .notifier("broken-b", "broken", Map.of("box", "b"))
        .notifier("pager", "recording", Map.of("box", "pager"))
        .route(AlertRoute.builder("all").rules(AlertRule.EXECUTION_FAILED).notifiers("broken-a", "broken-b").build())
        .fallback("pager")
        .build());
    h.bms.executions().runNow(h.failingJob("fallback", Map.of()));
    await().until(() -> h.notifiers.box("pager").size() == 1);
    assertThat(h.notifiers.box("pager").get(0).alerts().get(0).title()).isEqualTo("Backup fallback failed");
    assertThat(h.notifiers.brokenAttempts.get("a").get()).isEqualTo(2);
    assertThat(h.notifiers.brokenAttempts.get("b").get()).isEqualTo(2);
  }

  @Test
  void aFullQueueDropsCountsAndRecordsInsteadOfBlocking() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .queueCapacity(1)
        .deliveryTimeout(Duration.ofSeconds(30))
        .notifier("stuck", "blocking", Map.of())
        .route(AlertRoute.builder("all").rules(AlertRule.EXECUTION_FAILED).notifiers("stuck").build())
        .build());
    h.bms.executions().runNow(h.failingJob("q1", Map.of()));
    assertThat(h.notifiers.blockedInSend.await(10, TimeUnit.SECONDS)).isTrue();
    h.bms.executions().runNow(h.failingJob("q2", Map.of()));   // waits in the queue
    JobId third = h.failingJob("q3", Map.of());
    h.bms.executions().runNow(third);                           // queue full: dropped
    AlertId dropped = h.open(third, "execution-failed").get(0).id();
    assertThat(h.bms.alerts().notifications(dropped)).singleElement().satisfies(n -> {
      assertThat(n.outcome()).isEqualTo(NotificationAttempt.Outcome.DROPPED);
      assertThat(n.error()).contains("queue-full");
    });
    assertThat(h.counter("bms.alerts.dropped", "notifier", "stuck", "reason", "queue-full")).isEqualTo(1);
  }
}
