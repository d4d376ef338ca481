package dev.bms.core.internal.audit;

import dev.bms.core.internal.BmsSettings;
import dev.bms.spi.storage.AuditChain;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.bms.api.audit.AuditPurge;
import dev.bms.api.audit.AuditService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's background work, on one daemon thread started by {@code start()}: at start and
 * then every {@link AuditSettings#anchorInterval()}, it writes an <b>anchor</b> of the chain head to the
 * log at INFO, in one stable line
 *
 * <pre>bms-audit-anchor sequence=42 hash=9f2c…(64 hex) instance=web-1 at=2026-12-06T03:00:00Z</pre>
 *
 * and to the gauge {@code bms.audit.chain.head.sequence}. Shipped off the database's host, these lines
 * fix every record up to the anchored sequence: a tail removed later (with its head row) shows as a
 * head below an anchored sequence, a rewritten history as a different hash at that sequence. This
 * instance checks that itself on each anchor against its previous one: a head that moved back, or an
 * anchored record that changed or vanished (other than by a purge), is logged at ERROR
 * ({@code bms-audit-anchor-break}) and counted in {@code bms.audit.chain.anchor.breaks}.
 *
 * <p>With a retention ({@link AuditSettings#retention()}), each round first purges the records older
 * than it through {@code AuditService.purge} as {@code Actor.system()} (exported first, and recorded).
 */
@Singleton
public final class AuditMaintenance {
  private static final Logger log = LoggerFactory.getLogger(AuditMaintenance.class);

  private final Storage storage;
  private final AuditSettings settings;
  private final String instanceId;
  private final Clock clock;
  private final Counter breaks;
  private volatile long anchoredSequence = -1;
  private AuditChain.Head previous;
  private ScheduledExecutorService thread;
  private AuditService asSystem;

  @Inject
  public AuditMaintenance(Storage storage, AuditSettings settings, BmsSettings bms, Clock clock, MeterRegistry meters) {
    this.storage = storage;
    this.settings = settings;
    this.instanceId = bms.instanceId();
    this.clock = clock;
    Gauge.builder("bms.audit.chain.head.sequence", this, m -> m.anchoredSequence < 0 ? Double.NaN : m.anchoredSequence)
        .description("Sequence of the audit chain's head at the last anchor").register(meters);
    this.breaks = Counter.builder("bms.audit.chain.anchor.breaks")
        .description("Anchors that found the chain head moved back or an anchored record changed").register(meters);
  }

  /**
   * Runs a round now, then every interval; nothing when the storage keeps no audit trail.
   *
   * @param asSystem the audit service as {@code Actor.system()} sees it: purges go through it, so each
   *     is recorded
   */
  public synchronized void start(AuditService asSystem) {
    if (storage.audit().isEmpty() || thread != null) {
      return;
    }
    this.asSystem = asSystem;
    tick();
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + instanceId + "-audit");
      t.setDaemon(true);
      return t;
    });
    long every = settings.anchorInterval().toMillis();
    thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the background thread, letting a round in progress end (up to 10 s) while the storage is still
   * open. Idempotent.
   */
  public void stop() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = thread;
      thread = null;
    }
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One round: applies the retention (exports and purges the records older than it), then anchors the
   * head. A failure (storage down, export directory not writable) is logged; the next round tries again.
   */
  void tick() {
    try {
      if (settings.retention().isPresent()) {
        Instant cutoff = clock.instant().minus(settings.retention().get());
        AuditPurge purged = asSystem.purge(cutoff, settings.exportDirectory().orElseThrow());
        if (purged.records() > 0) {
          log.info("bms audit retention: exported records {} to {} to {} and purged them", purged.firstSequence(),
              purged.lastSequence(), purged.file().orElseThrow());
        }
      }
    } catch (RuntimeException e) {
      log.warn("bms audit retention failed; retried in {}: {}", settings.anchorInterval(), e.toString());
    }
    try {
      anchor();
    } catch (RuntimeException e) {
      log.warn("bms audit maintenance failed; retried in {}: {}", settings.anchorInterval(), e.toString());
    }
  }

  /** Writes the head to the log and the gauge, after checking it against the previous anchor. */
  synchronized AuditChain.Head anchor() {
    AuditStore store = storage.audit().orElseThrow();
    AuditChain.Head head = store.head();
    if (previous != null) {
      problemSince(store, previous, head).ifPresent(problem -> {
        breaks.increment();
        log.error("bms-audit-anchor-break sequence={} hash={} instance={}: {}", previous.sequence(), previous.hash(),
            instanceId, problem);
      });
    }
    log.info("bms-audit-anchor sequence={} hash={} instance={} at={}", head.sequence(), head.hash(), instanceId,
        clock.instant());
    previous = head;
    anchoredSequence = head.sequence();
    return head;
  }

  /** What happened to the record anchored last time, if it is no longer where and what it was. */
  private static Optional<String> problemSince(AuditStore store, AuditChain.Head anchored, AuditChain.Head head) {
    if (head.sequence() < anchored.sequence()) {
      return Optional.of("the chain head moved back to " + head.sequence() + ": the tail after it was removed");
    }
    if (anchored.sequence() == 0) {
      return Optional.empty();
    }
    Optional<dev.bms.api.audit.AuditRecord> record = store.before(anchored.sequence() + 1)
        .filter(r -> r.sequence() == anchored.sequence());
    if (record.isEmpty()) {
      return anchored.sequence() <= store.purged().sequence() ? Optional.empty()
          : Optional.of("the anchored record is gone (not purged)");
    }
    return record.get().hash().equals(anchored.hash()) ? Optional.empty()
        : Optional.of("the anchored record now has hash " + record.get().hash());
  }
}
