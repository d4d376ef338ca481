package dev.bms.core.internal.alert;

import dev.bms.api.ConflictException;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertState;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.storage.AlertStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies conditions to stored alerts under the locks of their fingerprints: a new problem is
 * stored as a FIRING alert and routed; the same problem again is counted (and re-notified once the
 * repeat interval passed) when it is a new occurrence, and changes nothing when it restates a
 * lasting state ({@link Condition.Raise#lasting()}); a cleared problem resolves its alert, and a
 * clear without an open alert writes nothing. Conditions published together are applied in a fixed
 * number of statements: one read of the open alerts by fingerprint and batched writes of what changed.
 */
final class ConditionApplier {
  private static final Logger log = LoggerFactory.getLogger(ConditionApplier.class);

  private final AlertingConfig config;
  private final AlertStore store;
  private final Clock clock;
  private final AlertMetrics metrics;
  private final AlertLocks locks;
  private final NewAlerts newAlerts;
  private final NotificationRouter router;

  ConditionApplier(AlertingConfig config, AlertStore store, Clock clock, AlertMetrics metrics, AlertLocks locks,
                   NewAlerts newAlerts, NotificationRouter router) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.locks = locks;
    this.newAlerts = newAlerts;
    this.router = router;
  }

  /**
   * Applies conditions in rounds in which each fingerprint occurs once (so a problem raised and
   * cleared by one batch is handled in order), each round in a fixed number of statements.
   */
  void apply(List<Condition> conditions, String source) {
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Condition> previous = new HashMap<>();
    List<List<Condition>> rounds = new ArrayList<>();
    for (Condition c : conditions) {
      // A clear right after a clear of the same problem changes nothing (the first one resolved
      // it, if it was open); dropping it keeps a bulk import of one job's history in one round.
      if (c instanceof Condition.Clear && previous.put(c.fingerprint(), c) instanceof Condition.Clear) {
        continue;
      }
      int round = seen.merge(c.fingerprint(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(c);
    }
    for (List<Condition> round : rounds) {
      try {
        applyRound(round);
      } catch (RuntimeException e) {
        log.warn("Alert rules {} failed on {}", round.stream().map(c -> c.rule().id()).distinct().toList(), source, e);
      }
    }
  }

  /**
   * One round, under the locks of its fingerprints: one read of the open alerts, then one batched
   * insert of the new alerts, one batched update of the alerts seen again or resolved, and, when a
   * notification was sent, one batched write of the notification times and history. A new alert
   * that another instance raised first (the insert conflicts) is handled on its own. A round that
   * changes nothing writes nothing.
   */
  private void applyRound(List<Condition> round) {
    List<ReentrantLock> held = locks.lock(round);
    try {
      Instant now = clock.instant();
      Map<String, Alert> open = store.findOpen(round.stream().map(Condition::fingerprint).toList());
      List<Condition.Raise> raisedConditions = new ArrayList<>();
      List<Alert> raised = new ArrayList<>();
      List<AlertHistoryEntry> raisedHistory = new ArrayList<>();
      List<Alert> changed = new ArrayList<>();
      List<AlertHistoryEntry> changedHistory = new ArrayList<>();
      List<Alert> resolvedNotified = new ArrayList<>();
      NotificationRouter.DispatchBatch dispatch = new NotificationRouter.DispatchBatch(changedHistory);
      for (Condition c : round) {
        Alert current = open.get(c.fingerprint());
        if (c instanceof Condition.Raise r) {
          if (current == null) {
            Alert alert = newAlerts.of(r, now);
            raisedConditions.add(r);
            raised.add(alert);
            raisedHistory.add(new AlertHistoryEntry(alert.id(), now, AlertHistoryEntry.Kind.RAISED, r.detail()));
          } else if (!r.lasting()) {
            changed.add(seenAgain(current, r, now, dispatch));
          }
        } else if (c instanceof Condition.Clear cl && current != null) {
          Alert resolved = current.resolved(now);
          changed.add(resolved);
          changedHistory.add(new AlertHistoryEntry(resolved.id(), now, AlertHistoryEntry.Kind.RESOLVED, cl.why()));
          if (resolved.lastNotifiedAt().isPresent()) {
            resolvedNotified.add(resolved);
          }
        }
      }
      if (!raised.isEmpty()) {
        try {
          store.insertAll(raised, raisedHistory);
        } catch (ConflictException raced) {
          // another instance raised one of them first: each on its own, counting on the existing alert
          raised = List.of();
          raisedConditions.forEach(this::raise);
        }
      }
      if (!changed.isEmpty() || !changedHistory.isEmpty()) {
        store.updateAll(changed, changedHistory);
      }
      for (Alert a : raised) {
        metrics.raised(a.rule(), a.severity());
        log.warn("Alert raised: [{}] {} ({})", a.severity(), a.title(), a.id());
      }
      for (Alert a : changed) {
        if (a.state() == AlertState.RESOLVED) {
          metrics.resolved(a.rule());
          log.info("Alert resolved: {} ({})", a.title(), a.id());
        }
      }
      // notifications of new and resolved alerts go out once their rows are committed
      List<Alert> notified = new ArrayList<>();
      dispatch.history = new ArrayList<>();
      for (Alert a : raised) {
        if (!router.dispatch(a, NotificationKind.FIRING, dispatch).isEmpty()) {
          notified.add(a.notifiedAt(now));
        }
      }
      for (Alert a : resolvedNotified) {
        router.dispatch(a, NotificationKind.RESOLVED, dispatch);
      }
      if (!notified.isEmpty() || !dispatch.history.isEmpty()) {
        store.updateAll(notified, dispatch.history);
      }
    } finally {
      held.forEach(ReentrantLock::unlock);
    }
  }

  /** The open alert seen again: counted, and notified again when the repeat interval passed. */
  private Alert seenAgain(Alert current, Condition.Raise c, Instant now, NotificationRouter.DispatchBatch dispatch) {
    Alert seen = current.seenAgain(now, c.detail());
    if (seen.state() == AlertState.FIRING && repeatDue(seen, now)
        && !router.dispatch(seen, NotificationKind.FIRING, dispatch).isEmpty()) {
      seen = seen.notifiedAt(now);
    }
    dispatch.history.add(new AlertHistoryEntry(seen.id(), now, AlertHistoryEntry.Kind.SEEN_AGAIN,
        "seen " + seen.count() + " times"));
    return seen;
  }

  /** One raise on its own, for a new alert that raced with another instance's insert. */
  private void raise(Condition.Raise c) {
    String fp = c.fingerprint();
    ReentrantLock lock = locks.stripe(fp);
    lock.lock();
    try {
      Instant now = clock.instant();
      Optional<Alert> open = store.findOpen(fp);
      if (open.isEmpty()) {
        Alert alert = newAlerts.of(c, now);
        try {
          store.insert(alert, new AlertHistoryEntry(alert.id(), now, AlertHistoryEntry.Kind.RAISED, c.detail()));
          metrics.raised(alert.rule(), alert.severity());
          log.warn("Alert raised: [{}] {} ({})", alert.severity(), alert.title(), alert.id());
          if (!router.dispatch(alert, NotificationKind.FIRING).isEmpty()) {
            store.update(alert.notifiedAt(now), Optional.empty());
          }
          return;
        } catch (ConflictException raced) {
          open = store.findOpen(fp);
          if (open.isEmpty()) {
            throw raced;
          }
        }
      }
      if (c.lasting()) {
        return;
      }
      List<AlertHistoryEntry> history = new ArrayList<>();
      Alert seen = seenAgain(open.get(), c, now, new NotificationRouter.DispatchBatch(history));
      store.updateAll(List.of(seen), history);
    } finally {
      lock.unlock();
    }
  }

  boolean repeatDue(Alert a, Instant now) {
    return a.lastNotifiedAt().map(t -> !now.isBefore(t.plus(config.repeatInterval()))).orElse(true);
  }
}
