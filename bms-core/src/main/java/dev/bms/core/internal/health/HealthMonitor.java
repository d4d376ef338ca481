package dev.bms.core.internal.health;

import dev.bms.api.event.StorageDownEvent;
import dev.bms.api.event.StorageUpEvent;
import dev.bms.api.health.ComponentHealth;
import dev.bms.api.health.Health;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.event.EventBus;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the health of storage, cache and scheduler for {@code BackupManager.health()}.
 *
 * <p>Storage is probed every {@link #PROBE_INTERVAL} with one {@code Storage.now()} on a thread of
 * its own, and anyone who sees a call fail or succeed can report it ({@link #storageUnavailable},
 * {@link #storageAnswered}); a probe blocks at most the storage's connection timeout, so an outage
 * is detected within about interval + timeout. Each storage transition after start is logged once,
 * published ({@link StorageDownEvent}, {@link StorageUpEvent}) and shown by the gauge
 * {@code bms.storage.up} (1 up, 0 down). The cache is asked ({@link CacheProvider#available()}) when
 * health is read; the scheduler's state is set by whoever runs it.
 */
@Singleton
public final class HealthMonitor implements AutoCloseable {
  /** How often storage is probed while the manager runs. */
  public static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

  private final Storage storage;
  private final CacheProvider cache;
  private final EventBus events;
  private final Clock clock;
  private final String instanceId;
  private final AtomicReference<ComponentHealth> storageHealth;
  private final AtomicReference<ComponentHealth> cacheHealth;
  private final AtomicReference<ComponentHealth> schedulerHealth;
  /** Whether the storage is down because it failed (not merely not started or closed). */
  private volatile boolean outage;
  private volatile boolean closed;
  private ScheduledExecutorService prober;

  @Inject
  public HealthMonitor(Storage storage, CacheProvider cache, EventBus events, MeterRegistry meters, Clock clock,
                       BmsSettings settings) {
    this.storage = storage;
    this.cache = cache;
    this.events = events;
    this.clock = clock;
    this.instanceId = settings.instanceId();
    Instant now = clock.instant();
    this.storageHealth = new AtomicReference<>(ComponentHealth.down(now, "not started"));
    this.cacheHealth = new AtomicReference<>(ComponentHealth.up(now));
    this.schedulerHealth = new AtomicReference<>(ComponentHealth.down(now, "not started"));
    Gauge.builder("bms.storage.up", this, m -> m.storageHealth.get().isUp() ? 1 : 0)
        .description("1 while this instance reaches its storage, 0 while it does not")
        .register(meters);
  }

  /** The current health; asks the cache provider, does no I/O. */
  public Health health() {
    boolean cacheUp = cache.available();
    cacheHealth.updateAndGet(h -> h.isUp() == cacheUp ? h
        : cacheUp ? ComponentHealth.up(clock.instant())
        : ComponentHealth.down(clock.instant(), cache.type() + " cache unreachable; serving from the local cache"));
    return new Health(storageHealth.get(), cacheHealth.get(), schedulerHealth.get());
  }

  /** Storage started: marks it up and probes it from now on. */
  public synchronized void start() {
    storageAnswered();
    if (prober == null) {
      prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bms-" + instanceId + "-health");
        t.setDaemon(true);
        return t;
      });
      long every = PROBE_INTERVAL.toMillis();
      prober.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** One probe: a storage round trip. */
  void probe() {
    try {
      storage.now();
      storageAnswered();
    } catch (RuntimeException e) {
      storageUnavailable(e);
    }
  }

  /** A storage call succeeded: ends an outage, if there was one. */
  public void storageAnswered() {
    ComponentHealth before = storageHealth.get();
    if (before.isUp() || closed) {
      return;
    }
    Instant now = clock.instant();
    if (storageHealth.compareAndSet(before, ComponentHealth.up(now)) && outage) {
      outage = false;
      Duration downFor = Duration.between(before.since(), now);
      log.info("Storage is reachable again after {} ms: {}", downFor.toMillis(), storage.describe());
      events.publish(new StorageUpEvent(downFor, now));
    }
  }

  /** A storage call or probe failed because the storage cannot be reached: starts an outage. */
  public void storageUnavailable(Throwable failure) {
    ComponentHealth before = storageHealth.get();
    if (before.isDown() || closed) {
      return;
    }
    Instant now = clock.instant();
    String reason = String.valueOf(failure.getMessage());
    if (storageHealth.compareAndSet(before, ComponentHealth.down(now, reason))) {
      outage = true;
      log.warn("Storage is unreachable: {}", reason);
      events.publish(new StorageDownEvent(reason, now));
    }
  }

  /** The scheduler runs normally. */
  public void schedulerUp() {
    schedulerHealth.updateAndGet(h -> h.isUp() ? h : ComponentHealth.up(clock.instant()));
  }

  /** The scheduler does not schedule (backing off, stopped), because of {@code why}. */
  public void schedulerDown(String why) {
    schedulerHealth.updateAndGet(h -> h.isDown() && h.detail().orElse("").equals(why) ? h
        : ComponentHealth.down(clock.instant(), why));
  }

  /** The scheduler is switched off on purpose, because of {@code why}. */
  public void schedulerDisabled(String why) {
    schedulerHealth.set(ComponentHealth.disabled(clock.instant(), why));
  }

  /** Stops the probe without closing, so {@link #start()} can run again (a failed start is undone so). */
  public synchronized void stopProbing() {
    if (prober != null) {
      prober.shutdownNow();
      prober = null;
    }
  }

  /** Stops probing; storage and scheduler are reported down ("closed") from now on. */
  @Override
  public synchronized void close() {
    closed = true;
    if (prober != null) {
      prober.shutdownNow();
      prober = null;
    }
    outage = false;
    Instant now = clock.instant();
    storageHealth.set(ComponentHealth.down(now, "closed"));
    schedulerHealth.set(ComponentHealth.down(now, "closed"));
  }
}
