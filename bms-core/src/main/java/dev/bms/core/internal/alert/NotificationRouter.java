package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.Silence;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.storage.AlertStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who hears about an alert and hands it on: silences and inhibition hold it back, the
 * matching routes name the notifiers, and a per-notifier batch collects what falls due within the
 * grouping window into one notification. Never blocks: channels queue without waiting.
 */
final class NotificationRouter {
  private static final Logger log = LoggerFactory.getLogger(NotificationRouter.class);
  /** Rules whose alerts a failing target explains. */
  private static final Set<String> INHIBITABLE = Set.of(AlertRule.EXECUTION_FAILED.id(),
      AlertRule.CONSECUTIVE_FAILURES.id(), AlertRule.COPY_FAILED.id());

  private final AlertingConfig config;
  private final AlertStore store;
  private final Clock clock;
  private final AlertMetrics metrics;
  private final Map<String, NotifierChannel> channels;
  private final ScheduledExecutorService timers;
  private final Deliveries deliveries;
  private final Map<String, Map<NotificationKind, Batch>> batches = new java.util.HashMap<>();

  NotificationRouter(AlertingConfig config, AlertStore store, Clock clock, AlertMetrics metrics,
                     Map<String, NotifierChannel> channels, ScheduledExecutorService timers,
                     Deliveries deliveries) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.channels = channels;
    this.timers = timers;
    this.deliveries = deliveries;
  }

  /**
   * Sends a firing or resolved alert where its routes say, unless silenced or inhibited.
   *
   * @return the notifiers it was queued for; empty when nobody is to hear about it now
   */
  Set<String> dispatch(Alert alert, NotificationKind kind) {
    return dispatch(alert, kind, null);
  }

  /**
   * Like {@link #dispatch(Alert, NotificationKind)}; with a batch, the silences are read once for
   * all its dispatches and the history entries are collected there for the caller to write.
   */
  Set<String> dispatch(Alert alert, NotificationKind kind, DispatchBatch batch) {
    Set<String> notifiers = new LinkedHashSet<>();
    for (AlertRoute route : config.routes()) {
      if (route.matches(alert.rule(), alert.severity(), alert.labels())
          && (kind != NotificationKind.RESOLVED || route.sendResolved())) {
        notifiers.addAll(route.notifiers());
      }
    }
    if (notifiers.isEmpty()) {
      return Set.of();
    }
    Optional<String> suppressedBy = silencedBy(alert, batch).map(s -> "silence " + s.id() + " by " + s.createdBy())
        .or(() -> inhibitedBy(alert));
    if (suppressedBy.isPresent()) {
      metrics.suppressed(suppressedBy.get().startsWith("silence") ? "silenced" : "inhibited");
      history(batch, new AlertHistoryEntry(alert.id(), clock.instant(), AlertHistoryEntry.Kind.SUPPRESSED,
          kind + " notification held back by " + suppressedBy.get()));
      return Set.of();
    }
    FanOut fanOut = new FanOut(alert, kind, notifiers, this::fallback);
    for (String n : notifiers) {
      add(n, kind, alert, fanOut);
    }
    history(batch, new AlertHistoryEntry(alert.id(), clock.instant(), AlertHistoryEntry.Kind.NOTIFIED,
        kind + " to " + String.join(", ", notifiers)));
    return notifiers;
  }

  /** Sends the digest of open alerts to the digest notifiers, ungrouped. */
  void digest(List<Alert> open) {
    if (open.isEmpty()) {
      return;
    }
    for (String n : config.digestNotifiers()) {
      channels.get(n).offer(new Outbound(Notifications.of(NotificationKind.DIGEST, open, clock.instant()),
          List.of(), 1));
    }
  }

  private void fallback(FanOut failed) {
    config.fallback().ifPresent(f -> {
      log.warn("Every notifier failed for alert {} ({}); using fallback notifier '{}'", failed.alert.id(),
          failed.kind, f);
      store.appendHistory(new AlertHistoryEntry(failed.alert.id(), clock.instant(), AlertHistoryEntry.Kind.NOTIFIED,
          failed.kind + " to fallback " + f));
      add(f, failed.kind, failed.alert, null);
    });
  }

  private void history(DispatchBatch batch, AlertHistoryEntry entry) {
    if (batch == null) {
      store.appendHistory(entry);
    } else {
      batch.history.add(entry);
    }
  }

  private Optional<Silence> silencedBy(Alert alert, DispatchBatch batch) {
    List<Silence> silences;
    if (batch == null) {
      silences = store.silences(clock.instant());
    } else {
      if (batch.silences == null) {
        batch.silences = store.silences(clock.instant());
      }
      silences = batch.silences;
    }
    return silences.stream()
        .filter(s -> s.activeAt(clock.instant()) && s.matches(alert.labels()))
        .findFirst();
  }

  /** A per-job alert whose failed copies are all on targets with an open target-failing alert. */
  private Optional<String> inhibitedBy(Alert alert) {
    if (!config.inhibitByFailingTarget() || !INHIBITABLE.contains(alert.rule())) {
      return Optional.empty();
    }
    String targets = alert.labels().getOrDefault(AlertRules.FAILED_TARGETS, "");
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    List<String> by = new ArrayList<>();
    for (String target : targets.split(",")) {
      Optional<Alert> failing = store.findOpen(Fingerprints.of(AlertRule.TARGET_FAILING, "", target));
      if (failing.isEmpty()) {
        return Optional.empty();
      }
      by.add("alert " + failing.get().id() + " (target " + target + " failing)");
    }
    return Optional.of(String.join(", ", by));
  }

  private void add(String notifier, NotificationKind kind, Alert alert, FanOut fanOut) {
    if (config.groupWindow().isZero()) {
      send(notifier, kind, List.of(alert), fanOut == null ? List.of() : List.of(fanOut));
      return;
    }
    boolean first;
    synchronized (batches) {
      Batch b = batches.computeIfAbsent(notifier, k -> new EnumMap<>(NotificationKind.class))
          .computeIfAbsent(kind, k -> new Batch());
      first = b.alerts.isEmpty();
      b.alerts.removeIf(a -> a.id().equals(alert.id()));
      b.alerts.add(alert);
      if (fanOut != null) {
        b.fanOuts.add(fanOut);
      }
    }
    if (first) {
      deliveries.schedule(timers, () -> flush(notifier, kind), config.groupWindow().toMillis());
    }
  }

  private void flush(String notifier, NotificationKind kind) {
    Batch b;
    synchronized (batches) {
      b = batches.getOrDefault(notifier, Map.of()).remove(kind);
    }
    if (b != null && !b.alerts.isEmpty()) {
      send(notifier, kind, b.alerts, b.fanOuts);
    }
  }

  private void send(String notifier, NotificationKind kind, List<Alert> alerts, List<FanOut> fanOuts) {
    channels.get(notifier).offer(new Outbound(Notifications.of(kind, alerts, clock.instant()), fanOuts, 1));
  }

  /** Sends every pending batch now (on close). */
  void flushAll() {
    List<String[]> pending = new ArrayList<>();
    synchronized (batches) {
      batches.forEach((n, byKind) -> byKind.keySet().forEach(k -> pending.add(new String[] {n, k.name()})));
    }
    for (String[] p : pending) {
      flush(p[0], NotificationKind.valueOf(p[1]));
    }
  }

  /** State shared by the dispatches of one batch of alert changes; not thread-safe. */
  static final class DispatchBatch {
    private List<Silence> silences;
    /** Where the dispatches' history entries go; the caller writes and may swap it. */
    List<AlertHistoryEntry> history;

    DispatchBatch(List<AlertHistoryEntry> history) {
      this.history = history;
    }
  }

  private static final class Batch {
    final List<Alert> alerts = new ArrayList<>();
    final List<FanOut> fanOuts = new ArrayList<>();
  }
}
