package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertGroup;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.DeliveryStats;
import dev.bms.api.model.Job;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Severity;
import dev.bms.api.model.Silence;
import dev.bms.api.model.SlaBreach;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Storage#alerts()}: one open alert per fingerprint, full round trips,
 * filters and keyset pages, history, silences, SLA breaches, notification attempts, and alerts
 * deleted with their job. A group of
 * {@link StorageCompatibilityKit}.
 */
public abstract class AlertStoreChecks extends StoreChecks {
  private AlertStore alerts() {
    return storage.alerts();
  }

  private static Alert alert(Optional<Job> job, String fingerprint, Severity severity, Instant at) {
    return new Alert(new AlertId(TimeOrderedIds.next()), fingerprint, "execution-failed", severity, AlertState.FIRING,
        job.map(Job::id), job.map(Job::name), "Backup failed", "disk full", Map.of("env", "prod", "bms.rule",
        "execution-failed"), 1, at, at, at.plus(Duration.ofMinutes(15)), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  private static AlertHistoryEntry raised(Alert a) {
    return new AlertHistoryEntry(a.id(), a.firstSeen(), AlertHistoryEntry.Kind.RAISED, "raised");
  }

  @Test
  void anAlertRoundTripsWithEveryField() {
    Job job = job("rt");
    Alert a = alert(Optional.of(job), "fp-1", Severity.CRITICAL, T0);
    alerts().insert(a, raised(a));
    assertThat(alerts().find(a.id())).contains(a);
    assertThat(alerts().findOpen("fp-1")).contains(a);

    Alert changed = a.seenAgain(T0.plusSeconds(5), "again").notifiedAt(T0.plusSeconds(6))
        .acknowledged(T0.plusSeconds(60), "alice", "on it").resolved(T0.plusSeconds(90));
    assertThat(alerts().update(changed, Optional.empty())).isTrue();
    assertThat(alerts().find(a.id())).contains(changed);
    assertThat(changed.labels()).containsEntry("env", "prod");
  }

  @Test
  void onlyOneOpenAlertPerFingerprintButAResolvedOneFreesIt() {
    Alert first = alert(Optional.empty(), "fp-dup", Severity.WARNING, T0);
    alerts().insert(first, raised(first));
    Alert second = alert(Optional.empty(), "fp-dup", Severity.WARNING, T0.plusSeconds(1));
    assertThatThrownBy(() -> alerts().insert(second, raised(second))).isInstanceOf(ConflictException.class);
    assertThat(alerts().find(second.id())).isEmpty();

    alerts().update(first.resolved(T0.plusSeconds(2)), Optional.empty());
    assertThat(alerts().findOpen("fp-dup")).isEmpty();
    alerts().insert(second, raised(second));
    assertThat(alerts().findOpen("fp-dup")).contains(second);
  }

  @Test
  void batchesInsertFindAndUpdateManyAlertsAtOnce() {
    Job job = job("batch");
    List<Alert> many = new ArrayList<>();
    List<AlertHistoryEntry> raisedEntries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Alert a = alert(i % 2 == 0 ? Optional.of(job) : Optional.empty(), "fp-b-" + i, Severity.WARNING, T0);
      many.add(a);
      raisedEntries.add(raised(a));
    }
    alerts().insertAll(many, raisedEntries);
    List<String> asked = new ArrayList<>(many.stream().map(Alert::fingerprint).toList());
    asked.add("fp-none");
    asked.add("fp-b-0"); // asked twice: answered once
    Map<String, Alert> open = alerts().findOpen(asked);
    assertThat(open).hasSize(30).containsEntry("fp-b-7", many.get(7));
    assertThat(open.get("fp-b-4").labels()).containsEntry("env", "prod").containsEntry("bms.rule", "execution-failed");
    assertThat(alerts().history(many.get(3).id())).extracting(AlertHistoryEntry::kind)
        .containsExactly(AlertHistoryEntry.Kind.RAISED);
    assertThat(alerts().findOpen(List.of())).isEmpty();

    Alert seen = many.get(1).seenAgain(T0.plusSeconds(10), "again");
    Alert resolved = many.get(2).resolved(T0.plusSeconds(10));
    alerts().updateAll(List.of(seen, resolved), List.of(
        new AlertHistoryEntry(seen.id(), T0.plusSeconds(10), AlertHistoryEntry.Kind.SEEN_AGAIN, "2"),
        new AlertHistoryEntry(resolved.id(), T0.plusSeconds(10), AlertHistoryEntry.Kind.RESOLVED, "ok"),
        new AlertHistoryEntry(resolved.id(), T0.plusSeconds(11), AlertHistoryEntry.Kind.NOTIFIED, "RESOLVED to x")));
    assertThat(alerts().find(seen.id())).contains(seen);
    assertThat(alerts().find(resolved.id())).contains(resolved);
    assertThat(alerts().findOpen(List.of("fp-b-1", "fp-b-2"))).containsOnlyKeys("fp-b-1");
    assertThat(alerts().history(resolved.id())).extracting(AlertHistoryEntry::kind).containsExactly(
        AlertHistoryEntry.Kind.RAISED, AlertHistoryEntry.Kind.RESOLVED, AlertHistoryEntry.Kind.NOTIFIED);
  }

  @Test
  void aBatchInsertWithAnOpenFingerprintInsertsNothing() {
    Alert existing = alert(Optional.empty(), "fp-taken", Severity.CRITICAL, T0);
    alerts().insert(existing, raised(existing));
    Alert fresh = alert(Optional.empty(), "fp-fresh", Severity.CRITICAL, T0);
    Alert clash = alert(Optional.empty(), "fp-taken", Severity.CRITICAL, T0);

    assertThatThrownBy(() -> alerts().insertAll(List.of(fresh, clash), List.of(raised(fresh), raised(clash))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("fingerprint");
    assertThat(alerts().find(fresh.id())).isEmpty();
    assertThat(alerts().findOpen(List.of("fp-fresh", "fp-taken"))).containsOnlyKeys("fp-taken")
        .containsEntry("fp-taken", existing);
  }

  @Test
  void updatingAnUnknownAlertChangesNothing() {
    Alert ghost = alert(Optional.empty(), "ghost", Severity.INFO, T0);
    assertThat(alerts().update(ghost, Optional.of(raised(ghost)))).isFalse();
    assertThat(alerts().find(ghost.id())).isEmpty();
  }

  @Test
  void listFiltersAndPagesNewestFirst() {
    Job a = job("job-a");
    Job b = job("job-b");
    List<Alert> inserted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Alert x = alert(Optional.of(i % 2 == 0 ? a : b), "fp-" + i, i < 3 ? Severity.CRITICAL : Severity.INFO,
          T0.plusSeconds(i));
      alerts().insert(x, raised(x));
      inserted.add(x);
    }
    alerts().update(inserted.get(0).resolved(T0.plusSeconds(10)), Optional.empty());

    Page<Alert> first = alerts().list(AlertFilter.all(), PageRequest.first(2));
    assertThat(first.items()).extracting(Alert::id).containsExactly(inserted.get(4).id(), inserted.get(3).id());
    Page<Alert> second = alerts().list(AlertFilter.all(), first.next(2).orElseThrow());
    assertThat(second.items()).extracting(Alert::id).containsExactly(inserted.get(2).id(), inserted.get(1).id());
    Page<Alert> third = alerts().list(AlertFilter.all(), second.next(2).orElseThrow());
    assertThat(third.items()).extracting(Alert::id).containsExactly(inserted.get(0).id());
    assertThat(third.hasNext()).isFalse();

    assertThat(alerts().list(AlertFilter.open(), PageRequest.first(10)).items()).hasSize(4);
    assertThat(alerts().list(AlertFilter.forJob(a.id()), PageRequest.first(10)).items()).hasSize(3);
    assertThat(alerts().list(AlertFilter.all().withSeverities(Set.of(Severity.INFO)), PageRequest.first(10)).items())
        .extracting(Alert::id).containsExactly(inserted.get(4).id(), inserted.get(3).id());
    assertThat(alerts().list(AlertFilter.all().withLabels(Map.of("env", "prod")), PageRequest.first(10)).items())
        .hasSize(5);
    assertThat(alerts().list(AlertFilter.all().withLabels(Map.of("env", "dev")), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(alerts().list(AlertFilter.all().raisedBetween(T0.plusSeconds(1), T0.plusSeconds(3)),
        PageRequest.first(10)).items()).extracting(Alert::id)
        .containsExactly(inserted.get(2).id(), inserted.get(1).id());
    assertThat(alerts().list(AlertFilter.all().withRules(Set.of("execution-failed", "size-anomaly")),
        PageRequest.first(10)).items()).hasSize(5);
    assertThat(alerts().list(AlertFilter.all().withRules(Set.of("size-anomaly", "ransomware-suspected")),
        PageRequest.first(10)).items()).isEmpty();
    assertThat(alerts().groups(AlertFilter.all().withRules(Set.of("size-anomaly")))).isEmpty();
    assertThatThrownBy(() -> alerts().list(AlertFilter.all(), PageRequest.after("bogus", 2)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
  }

  @Test
  void groupsCountPerRuleAndSeverityByStateUnderTheFilter() {
    Job a = job("grp-a");
    List<Alert> inserted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Alert x = alert(Optional.of(a), "fp-g" + i, i < 4 ? Severity.CRITICAL : Severity.INFO, T0.plusSeconds(i));
      alerts().insert(x, raised(x));
      inserted.add(x);
    }
    alerts().update(inserted.get(0).resolved(T0.plusSeconds(10)), Optional.empty());
    alerts().update(inserted.get(1).acknowledged(T0.plusSeconds(11), "bob", ""), Optional.empty());

    AlertGroup critical = new AlertGroup("execution-failed", Severity.CRITICAL, 2, 1, 1);
    AlertGroup info = new AlertGroup("execution-failed", Severity.INFO, 2, 0, 0);
    assertThat(alerts().groups(AlertFilter.all())).containsExactlyInAnyOrder(critical, info);
    assertThat(alerts().groups(AlertFilter.open())).containsExactlyInAnyOrder(
        new AlertGroup("execution-failed", Severity.CRITICAL, 2, 1, 0), info);
    assertThat(alerts().groups(AlertFilter.all().withSeverities(Set.of(Severity.INFO)))).containsExactly(info);
    assertThat(alerts().groups(AlertFilter.all().withLabels(Map.of("env", "dev")))).isEmpty();
    assertThat(alerts().groups(AlertFilter.all().raisedBetween(T0.plusSeconds(3), T0.plusSeconds(5))))
        .containsExactlyInAnyOrder(new AlertGroup("execution-failed", Severity.CRITICAL, 1, 0, 0),
            new AlertGroup("execution-failed", Severity.INFO, 1, 0, 0));
  }

  @Test
  void historyIsKeptInOrder() {
    Alert a = alert(Optional.empty(), "fp-h", Severity.CRITICAL, T0);
    alerts().insert(a, raised(a));
    alerts().update(a.seenAgain(T0.plusSeconds(1), "again"), Optional.of(
        new AlertHistoryEntry(a.id(), T0.plusSeconds(1), AlertHistoryEntry.Kind.SEEN_AGAIN, "2")));
    alerts().appendHistory(new AlertHistoryEntry(a.id(), T0.plusSeconds(2), AlertHistoryEntry.Kind.ACKNOWLEDGED, "bob"));
    assertThat(alerts().history(a.id())).extracting(AlertHistoryEntry::kind).containsExactly(
        AlertHistoryEntry.Kind.RAISED, AlertHistoryEntry.Kind.SEEN_AGAIN, AlertHistoryEntry.Kind.ACKNOWLEDGED);
    assertThat(alerts().history(a.id()).get(2).at()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void silencesAreListedUntilTheyEndAndCanBeExpired() {
    Silence s = new Silence("s-1", Map.of("env", "prod"), T0, T0.plusSeconds(3600), "carol", "maintenance", T0);
    Silence later = new Silence("s-2", Map.of(), T0.plusSeconds(7200), T0.plusSeconds(9000), "carol", "", T0);
    alerts().insertSilence(s);
    alerts().insertSilence(later);
    assertThatThrownBy(() -> alerts().insertSilence(s)).isInstanceOf(ConflictException.class);
    assertThat(alerts().silences(T0.plusSeconds(10))).containsExactly(s, later);
    assertThat(alerts().silences(T0.plusSeconds(3600))).containsExactly(later);

    assertThat(alerts().expireSilence("s-1", T0.plusSeconds(60))).isTrue();
    assertThat(alerts().silences(T0.plusSeconds(61))).containsExactly(later);
    assertThat(alerts().expireSilence("nope", T0)).isFalse();
    assertThat(alerts().expireSilence("s-2", T0.plusSeconds(61))).isTrue();
    assertThat(alerts().silences(T0.plusSeconds(61))).isEmpty();
    assertThat(alerts().silences(T0)).extracting(Silence::id).containsExactly("s-1", "s-2");
  }

  @Test
  void breachesAreRecordedOncePerAlert() {
    Alert a = alert(Optional.empty(), "fp-b", Severity.CRITICAL, T0);
    alerts().insert(a, raised(a));
    SlaBreach breach = new SlaBreach(a.id(), Severity.CRITICAL, "execution-failed", Optional.empty(), T0,
        a.ackDeadline(), T0.plusSeconds(1000));
    alerts().recordBreach(breach);
    alerts().recordBreach(new SlaBreach(a.id(), Severity.CRITICAL, "execution-failed", Optional.empty(), T0,
        a.ackDeadline(), T0.plusSeconds(2000)));
    assertThat(alerts().breaches(T0, T0.plusSeconds(1))).containsExactly(breach);
    assertThat(alerts().breaches(T0.plusSeconds(1), T0.plusSeconds(5000))).isEmpty();
  }

  @Test
  void notificationAttemptsAreKeptPerAlertAndCounted() {
    Alert a = alert(Optional.empty(), "fp-n1", Severity.CRITICAL, T0);
    Alert b = alert(Optional.empty(), "fp-n2", Severity.WARNING, T0);
    alerts().insert(a, raised(a));
    alerts().insert(b, raised(b));
    NotificationAttempt failed = new NotificationAttempt("n-1", "mail", "FIRING", List.of(a.id(), b.id()), 1,
        NotificationAttempt.Outcome.RETRYING, Optional.of("503"), T0.plusSeconds(1));
    NotificationAttempt ok = new NotificationAttempt("n-1", "mail", "FIRING", List.of(a.id(), b.id()), 2,
        NotificationAttempt.Outcome.DELIVERED, Optional.empty(), T0.plusSeconds(2));
    NotificationAttempt dropped = new NotificationAttempt("n-2", "hook", "FIRING", List.of(a.id()), 1,
        NotificationAttempt.Outcome.DROPPED, Optional.of("queue-full"), T0.plusSeconds(3));
    alerts().recordAttempt(failed);
    alerts().recordAttempt(ok);
    alerts().recordAttempt(dropped);

    assertThat(alerts().attempts(a.id())).containsExactly(failed, ok, dropped);
    assertThat(alerts().attempts(b.id())).containsExactly(failed, ok);
    assertThat(alerts().deliveryStats(T0, T0.plusSeconds(10))).containsExactly(
        new DeliveryStats("hook", 0, 0, 0, 1), new DeliveryStats("mail", 1, 1, 0, 0));
    assertThat(alerts().deliveryStats(T0.plusSeconds(2), T0.plusSeconds(3)))
        .containsExactly(new DeliveryStats("mail", 1, 0, 0, 0));
  }

  @Test
  void deletingAJobDeletesItsAlertsAndTheirRecords() {
    Job job = job("doomed");
    Alert a = alert(Optional.of(job), "fp-d", Severity.CRITICAL, T0);
    alerts().insert(a, raised(a));
    alerts().recordBreach(new SlaBreach(a.id(), Severity.CRITICAL, "execution-failed", Optional.of("doomed"), T0,
        a.ackDeadline(), T0.plusSeconds(1000)));
    alerts().recordAttempt(new NotificationAttempt("n-d", "mail", "FIRING", List.of(a.id()), 1,
        NotificationAttempt.Outcome.DELIVERED, Optional.empty(), T0));

    assertThat(storage.jobs().delete(job.id())).isTrue();
    assertThat(alerts().find(a.id())).isEmpty();
    assertThat(alerts().history(a.id())).isEmpty();
    assertThat(alerts().attempts(a.id())).isEmpty();
    assertThat(alerts().breaches(T0, T0.plusSeconds(1))).isEmpty();
  }
}
