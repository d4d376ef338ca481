package dev.bms.core.internal.alert;

import dev.bms.api.ConflictException;
import dev.bms.api.NotFoundException;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.Job;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Severity;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle. Listens to bms events; the conditions rules derive are applied under locks
 * per fingerprint: a new problem is stored as a FIRING alert and routed, the same problem again
 * only counts (and re-notifies once the repeat interval passed, unless acknowledged), a cleared
 * problem resolves its alert. The conditions of one event, or of events published together (one
 * compliance evaluation of every job), are applied in a fixed number of statements: one read of
 * the open alerts by fingerprint and batched writes of what changed. A periodic {@link #tick()} records SLA breaches, re-notifies
 * and sends the daily digest. Event handling runs on the publishing thread but only writes storage
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
  private final Ids ids;
  private final AlertMetrics metrics;
  private final AlertRules rules;
  private final EventBus events;
  private final BmsSettings settings;
  private final RateLimiterFactory limiters;
  private final ReentrantLock[] stripes = new ReentrantLock[64];
  private final Map<String, NotifierChannel> channels = new LinkedHashMap<>();
  private NotificationRouter router;
  private ScheduledExecutorService timers;
  private AutoCloseable subscription;
  private LocalDate lastDigest;

  @Inject
  public AlertEngine(AlertingSetup setup, Storage storage, Clock clock, Ids ids, MeterRegistry registry,
                     EventBus events, BmsSettings settings, CacheProvider caches) {
    this.setup = setup;
    this.config = setup.config();
    this.store = storage.alerts();
    this.clock = clock;
    this.ids = ids;
    this.metrics = new AlertMetrics(registry);
    this.rules = new AlertRules(config, storage);
    this.events = events;
    this.settings = settings;
    this.limiters = caches instanceof RateLimiterFactory f ? f : TokenBucketRateLimiter.factory(clock);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
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
        limiter, store, metrics, clock, timers, "bms-" + settings.instanceId())));
    channels.values().forEach(NotifierChannel::start);
    router = new NotificationRouter(config, store, clock, metrics, Map.copyOf(channels), timers);
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
    apply(rules.evaluate(event), event.getClass().getSimpleName());
  }

  /**
   * Applies the conditions of events published together (every job of one compliance evaluation)
   * as one batch: a fixed number of statements whatever the number of events.
   */
  public void onEvents(List<BmsEvent> batch) {
    List<Condition> all = new ArrayList<>();
    for (BmsEvent e : batch) {
      try {
        all.addAll(rules.evaluate(e));
      } catch (RuntimeException ex) {
        log.warn("Alert rules failed on {}", e.getClass().getSimpleName(), ex);
      }
    }
    apply(all, batch.size() + " events");
  }

  /**
   * Applies conditions in rounds in which each fingerprint occurs once (so a problem raised and
   * cleared by one batch is handled in order), each round in a fixed number of statements.
   */
  private void apply(List<Condition> conditions, String source) {
    Map<String, Integer> seen = new HashMap<>();
    List<List<Condition>> rounds = new ArrayList<>();
    for (Condition c : conditions) {
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
   * that another instance raised first (the insert conflicts) is handled on its own.
   */
  private void applyRound(List<Condition> round) {
    List<ReentrantLock> held = lock(round);
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
            Alert alert = newAlert(r, r.fingerprint(), now);
            raisedConditions.add(r);
            raised.add(alert);
            raisedHistory.add(new AlertHistoryEntry(alert.id(), now, AlertHistoryEntry.Kind.RAISED, r.detail()));
          } else {
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
      store.updateAll(changed, changedHistory);
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
      store.updateAll(notified, dispatch.history);
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
    ReentrantLock lock = stripe(fp);
    lock.lock();
    try {
      Instant now = clock.instant();
      Optional<Alert> open = store.findOpen(fp);
      if (open.isEmpty()) {
        Alert alert = newAlert(c, fp, now);
        try {
          store.insert(alert, new AlertHistoryEntry(alert.id(), now, AlertHistoryEntry.Kind.RAISED, c.detail()));
          metrics.raised(alert.rule(), alert.severity());
          log.warn("Alert raised: [{}] {} ({})", alert.severity(), alert.title(), alert.id());
          notifyFiring(alert, now);
          return;
        } catch (ConflictException raced) {
          open = store.findOpen(fp);
          if (open.isEmpty()) {
            throw raced;
          }
        }
      }
      List<AlertHistoryEntry> history = new ArrayList<>();
      Alert seen = seenAgain(open.get(), c, now, new NotificationRouter.DispatchBatch(history));
      store.updateAll(List.of(seen), history);
    } finally {
      lock.unlock();
    }
  }

  private void notifyFiring(Alert alert, Instant now) {
    if (!router.dispatch(alert, NotificationKind.FIRING).isEmpty()) {
      store.update(alert.notifiedAt(now), Optional.empty());
    }
  }

  private boolean repeatDue(Alert a, Instant now) {
    return a.lastNotifiedAt().map(t -> !now.isBefore(t.plus(config.repeatInterval()))).orElse(true);
  }

  /**
   * Acknowledges an alert; a first acknowledgement after the deadline records an SLA breach.
   *
   * @throws NotFoundException when there is no such alert
   */
  public Alert acknowledge(AlertId id, String who, String note) {
    Alert current = store.find(id).orElseThrow(() -> new NotFoundException("alert " + id + " does not exist"));
    ReentrantLock lock = stripe(current.fingerprint());
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

  /** Checks SLA deadlines and repeat intervals of open alerts, and sends the digest when due. */
  public void tick() {
    Instant now = clock.instant();
    List<Alert> open = openAlerts();
    for (Alert a : open) {
      ReentrantLock lock = stripe(a.fingerprint());
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
        if (alert.state() == AlertState.FIRING && repeatDue(alert, now)
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

  /** The configuration in effect. */
  AlertingConfig config() {
    return config;
  }

  private Alert newAlert(Condition.Raise c, String fp, Instant now) {
    Severity severity = severity(c.rule(), c.job());
    Map<String, String> labels = new LinkedHashMap<>();
    c.job().ifPresent(j -> labels.putAll(j.definition().labels()));
    labels.putAll(c.extraLabels());
    labels.put("bms.rule", c.rule().id());
    labels.put("bms.severity", severity.name());
    c.job().ifPresent(j -> labels.put("bms.job", j.name()));
    Duration sla = config.ackSla().get(severity);
    return new Alert(new AlertId(ids.next()), fp, c.rule().id(), severity, AlertState.FIRING,
        c.job().map(Job::id), c.job().map(Job::name), c.title(), c.detail(), labels, 1, now, now, now.plus(sla),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** Job labels {@code bms.alert.severity.<rule>} and {@code bms.alert.severity} override the configuration. */
  private Severity severity(AlertRule rule, Optional<Job> job) {
    if (job.isPresent()) {
      Map<String, String> labels = job.get().definition().labels();
      for (String key : List.of(SEVERITY_LABEL + "." + rule.id(), SEVERITY_LABEL)) {
        String v = labels.get(key);
        if (v != null) {
          try {
            return Severity.valueOf(v.trim().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            log.warn("Job '{}' has label {}={}, which is not a severity {}; ignored", job.get().name(), key, v,
                List.of(Severity.values()));
          }
        }
      }
    }
    return config.severityOf(rule);
  }

  private ReentrantLock stripe(String fingerprint) {
    return stripes[stripeIndex(fingerprint)];
  }

  private int stripeIndex(String fingerprint) {
    return Math.floorMod(fingerprint.hashCode(), stripes.length);
  }

  /** Locks the stripes of the conditions' fingerprints, in index order (so two batches cannot deadlock). */
  private List<ReentrantLock> lock(List<Condition> conditions) {
    TreeSet<Integer> indexes = new TreeSet<>();
    conditions.forEach(c -> indexes.add(stripeIndex(c.fingerprint())));
    List<ReentrantLock> held = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      stripes[i].lock();
      held.add(stripes[i]);
    }
    return held;
  }
}
