package dev.bms.core.internal.alert;

import dev.bms.api.NotFoundException;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.event.AnomaliesFoundEvent;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.ExecutionId;
import dev.bms.core.internal.anomaly.AnomalyEvaluator;
import dev.bms.core.internal.anomaly.Evaluation;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.Job;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.SlaBreach;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.event.BatchEventListener;
import dev.bms.core.internal.event.EventBus;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.ratelimit.RateLimiterFactory;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle. Listens to bms events, turns each into conditions ({@link AlertRules}) and
 * has {@link ConditionApplier} apply them to stored alerts: alerts follow changes of state, so a
 * lasting state restated (a compliance rule still failing) writes nothing. A periodic
 * {@link #tick()} records SLA breaches, re-notifies and sends the daily digest. Event handling runs on the publishing thread but only writes storage
 * and queues notifications: delivery happens on each notifier's own threads.
 */
@Singleton
public final class AlertEngine {
  private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
  /** Job label overriding the severity of every rule for the job. */
  public static final String SEVERITY_LABEL = "bms.alert.severity";

  private final AlertingConfig config;
  private final AlertingSetup setup;
  private final AlertStore store;
  private final Clock clock;
  private final AlertMetrics metrics;
  private final AlertRules rules;
  private final EventBus events;
  private final BmsSettings settings;
  private final RateLimiterFactory limiters;
  private final AnomalyEvaluator anomalies;
  private final AlertLocks locks = new AlertLocks();
  private final NewAlerts newAlerts;
  private final Map<String, NotifierChannel> channels = new LinkedHashMap<>();
  private final Deliveries deliveries = new Deliveries();
  private NotificationRouter router;
  private ConditionApplier applier;
  private ScheduledExecutorService timers;
  private AutoCloseable subscription;
  private LocalDate lastDigest;

  @Inject
  public AlertEngine(AlertingSetup setup, Storage storage, Clock clock, Ids ids, MeterRegistry registry,
                     EventBus events, BmsSettings settings, CacheProvider caches, AnomalyEvaluator anomalies) {
    this.anomalies = anomalies;
    this.setup = setup;
    this.config = setup.config();
    this.store = storage.alerts();
    this.clock = clock;
    this.metrics = new AlertMetrics(registry);
    this.rules = new AlertRules(config, storage);
    this.events = events;
    this.settings = settings;
    this.limiters = caches instanceof RateLimiterFactory f ? f : TokenBucketRateLimiter.factory(clock);
    this.newAlerts = new NewAlerts(config, ids);
  }

  /** Starts the notifier channels and the periodic checks, and subscribes to events. */
  public synchronized void start() {
    timers = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-alerts");
      t.setDaemon(true);
      return t;
    });
    var limiter = limiters.rateLimiter("notifications", config.rateLimitPermits(), config.rateLimitInterval());
    setup.notifiers().forEach((name, notifier) -> channels.put(name, new NotifierChannel(name, notifier, config,
        limiter, store, metrics, clock, timers, deliveries, "bms-" + settings.instanceId())));
    channels.values().forEach(NotifierChannel::start);
    router = new NotificationRouter(config, store, clock, metrics, Map.copyOf(channels), timers, deliveries);
    applier = new ConditionApplier(config, store, clock, metrics, locks, newAlerts, router);
    config.digestAt().ifPresent(at -> {
      ZonedDateTime now = clock.instant().atZone(config.digestZone());
      // the first digest is the next one due, not one at start-up
      lastDigest = now.toLocalTime().isBefore(at) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
    });
    long every = config.evaluationInterval().toMillis();
    timers.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
    subscription = events.subscribe(new BatchEventListener() {
      @Override
      public void onEvent(BmsEvent event) {
        AlertEngine.this.onEvent(event);
      }

      @Override
      public void onEvents(List<BmsEvent> batch) {
        AlertEngine.this.onEvents(batch);
      }
    });
  }

  /** Stops listening, sends pending groups, and closes the channels (and their notifiers). */
  public synchronized void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        log.debug("unsubscribing failed", e);
      }
    }
    if (router != null) {
      router.flushAll();
    }
    if (timers != null) {
      timers.shutdownNow();
    }
    channels.values().forEach(NotifierChannel::close);
  }

  /** Applies every condition the event establishes. */
  public void onEvent(BmsEvent event) {
    if (event instanceof ExecutionFinishedEvent finished) {
      onEvents(List.of(finished));
      return;
    }
    applier.apply(rules.evaluate(event), event.getClass().getSimpleName());
  }

  /**
   * Applies the conditions of events published together (every job of one compliance evaluation)
   * as one batch: a fixed number of statements whatever the number of events.
   */
  public void onEvents(List<BmsEvent> batch) {
    List<ExecutionFinishedEvent> finished = new ArrayList<>();
    for (BmsEvent e : batch) {
      if (e instanceof ExecutionFinishedEvent f) {
        finished.add(f);
      }
    }
    Map<ExecutionId, Evaluation> anomalies = finished.isEmpty() ? Map.of() : this.anomalies.evaluate(finished);
    List<Condition> all = new ArrayList<>();
    for (BmsEvent e : batch) {
      try {
        all.addAll(rules.evaluate(e, anomalies));
      } catch (RuntimeException ex) {
        log.warn("Alert rules failed on {}", e.getClass().getSimpleName(), ex);
      }
    }
    applier.apply(all, batch.size() + " events");
    List<AnomaliesFoundEvent> found = new ArrayList<>();
    for (ExecutionFinishedEvent f : finished) {
      Evaluation ev = anomalies.get(f.execution().id());
      if (ev != null && !ev.findings().isEmpty()) {
        found.add(new AnomaliesFoundEvent(f.job(), f.execution(), ev.findings(), clock.instant()));
      }
    }
    events.publishAll(found);
  }

  /**
   * Acknowledges an alert; a first acknowledgement after the deadline records an SLA breach.
   *
   * @throws NotFoundException when there is no such alert
   */
  public Alert acknowledge(AlertId id, String who, String note) {
    Alert current = store.find(id).orElseThrow(() -> new NotFoundException("alert " + id + " does not exist"));
    ReentrantLock lock = locks.stripe(current.fingerprint());
    lock.lock();
    try {
      current = store.find(id).orElseThrow(() -> new NotFoundException("alert " + id + " does not exist"));
      if (current.acknowledgedAt().isPresent()) {
        return current;
      }
      Instant now = clock.instant();
      Alert acked = current.acknowledged(now, who, note);
      store.update(acked, Optional.of(new AlertHistoryEntry(id, now, AlertHistoryEntry.Kind.ACKNOWLEDGED,
          who + (note.isEmpty() ? "" : ": " + note))));
      if (acked.slaBreached() && !current.slaBreached()) {
        recordBreach(acked, now);
      }
      return acked;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Resolves an open alert of a finding rule by hand; its history names who and why, and the resolved
   * notification goes out once the change is committed (when its firing one went out).
   *
   * @throws NotFoundException when there is no such alert
   * @throws dev.bms.api.InvalidRequestException when the alert is not one of a finding rule
   */
  public Alert resolveByHand(AlertId id, String who, String reason) {
    Alert current = store.find(id).orElseThrow(() -> new NotFoundException("alert " + id + " does not exist"));
    if (!dev.bms.api.alert.FindingKind.ruleIds().contains(current.rule())) {
      throw new dev.bms.api.InvalidRequestException("id: alert " + id + " is of rule '" + current.rule()
          + "', which resolves when its condition clears; only the alerts of anomaly findings are resolved by hand");
    }
    ReentrantLock lock = locks.stripe(current.fingerprint());
    lock.lock();
    try {
      current = store.find(id).orElseThrow(() -> new NotFoundException("alert " + id + " does not exist"));
      if (!current.isOpen()) {
        return current;
      }
      Instant now = clock.instant();
      Alert resolved = current.resolved(now);
      store.update(resolved, Optional.of(new AlertHistoryEntry(id, now, AlertHistoryEntry.Kind.RESOLVED,
          "resolved by " + who + ": " + reason)));
      metrics.resolved(resolved.rule());
      log.info("Alert resolved by {}: {} ({})", who, resolved.title(), resolved.id());
      if (resolved.lastNotifiedAt().isPresent()) {
        dev.bms.core.internal.tx.AfterCommit.run(() -> router.dispatch(resolved, NotificationKind.RESOLVED));
      }
      return resolved;
    } finally {
      lock.unlock();
    }
  }

  /** Checks SLA deadlines and repeat intervals of open alerts, and sends the digest when due. */
  public void tick() {
    Instant now = clock.instant();
    List<Alert> open = openAlerts();
    for (Alert a : open) {
      ReentrantLock lock = locks.stripe(a.fingerprint());
      lock.lock();
      try {
        Optional<Alert> fresh = store.find(a.id()).filter(Alert::isOpen);
        if (fresh.isEmpty()) {
          continue;
        }
        Alert alert = fresh.get();
        if (alert.state() == AlertState.FIRING && !alert.slaBreached() && now.isAfter(alert.ackDeadline())) {
          alert = alert.breached();
          store.update(alert, Optional.empty());
          recordBreach(alert, now);
        }
        if (alert.state() == AlertState.FIRING && applier.repeatDue(alert, now)
            && !router.dispatch(alert, NotificationKind.FIRING).isEmpty()) {
          store.update(alert.notifiedAt(now), Optional.empty());
        }
      } finally {
        lock.unlock();
      }
    }
    digestIfDue(now);
  }

  private void digestIfDue(Instant now) {
    if (config.digestAt().isEmpty()) {
      return;
    }
    ZonedDateTime local = now.atZone(config.digestZone());
    LocalDate today = local.toLocalDate();
    if (!local.toLocalTime().isBefore(config.digestAt().get()) && today.isAfter(lastDigest)) {
      lastDigest = today;
      router.digest(openAlerts());
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Alert evaluation failed", e);
    }
  }

  private void recordBreach(Alert alert, Instant now) {
    store.recordBreach(new SlaBreach(alert.id(), alert.severity(), alert.rule(), alert.jobName(), alert.firstSeen(),
        alert.ackDeadline(), now));
    store.appendHistory(new AlertHistoryEntry(alert.id(), now, AlertHistoryEntry.Kind.SLA_BREACHED,
        "not acknowledged within " + config.ackSla().get(alert.severity()) + " (deadline " + alert.ackDeadline() + ")"));
    metrics.slaBreached(alert.severity());
    log.warn("Alert {} ({}) missed its acknowledgement SLA", alert.id(), alert.title());
  }

  /** Every open alert, most severe first, then newest first. */
  List<Alert> openAlerts() {
    List<Alert> all = new ArrayList<>();
    PageRequest page = PageRequest.first(500);
    while (true) {
      Page<Alert> p = store.list(AlertFilter.open(), page);
      all.addAll(p.items());
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = PageRequest.after(p.nextCursor().get(), 500);
    }
    all.sort(Comparator.comparing(Alert::severity).thenComparing(Alert::id, Comparator.reverseOrder()));
    return all;
  }

  /**
   * Waits until every notification handed to the notifiers so far has been dealt with: no grouping
   * batch waiting for its window, nothing queued or being sent, no retry or rate-limited re-offer
   * waiting on a timer. With no alert activity meanwhile, whatever the notifiers have received when
   * this returns true is all they will receive; tests assert "nothing (more) was sent" after it
   * instead of sleeping. Meaningful on a started engine only (a closed one drops its timers).
   *
   * @return true when idle, false when the timeout passed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return deliveries.awaitIdle(timeout);
  }

  /** The configuration in effect. */
  AlertingConfig config() {
    return config;
  }
}
