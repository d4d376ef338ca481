package dev.bms.cache.redis;

import dev.bms.cache.redis.InvalidationMessage.Op;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invalidation topic of one provider, and the judge of whether Redis is usable.
 *
 * <p>"Up" means more than "a connection exists": the provider published a probe and received it
 * back on its own subscription, so both directions of the invalidation path work. Anything that
 * hints at trouble (a lost connection, a failed publish, an unsubscription) turns the bus "down"
 * at once; a probe every {@link #PROBE_INTERVAL} then brings it back up. Each transition is
 * reported to {@link Events} exactly once, and logged once per outage (warning) and recovery
 * (info), however many failures the outage causes.
 */
final class InvalidationBus implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationBus.class);
  static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /** What the bus tells its owner. Called on Redisson's or the probe thread; must be quick. */
  interface Events {
    /** A message from another instance. */
    void received(InvalidationMessage message);

    /** Redis became unusable: invalidations from others may be missed from now on. */
    void wentDown();

    /** Redis is usable again (also called at the first successful connection). */
    void cameUp();
  }

  private final RTopic topic;
  private final String instanceId;
  private final String where;
  private final Events events;
  private final ScheduledExecutorService prober;
  private final AtomicBoolean up = new AtomicBoolean();
  private final CompletableFuture<Void> firstUp = new CompletableFuture<>();
  private final ConcurrentMap<String, CompletableFuture<Void>> pendingProbes = new ConcurrentHashMap<>();
  private volatile boolean outageLogged;
  private volatile boolean closed;
  private CompletableFuture<Integer> messageSubscription;
  private CompletableFuture<Integer> statusSubscription;

  InvalidationBus(RTopic topic, String instanceId, String where, Events events) {
    this.topic = topic;
    this.instanceId = instanceId;
    this.where = where;
    this.events = events;
    this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-redis-probe-" + instanceId.substring(0, 8));
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts probing and waits up to {@code wait} for Redis; never fails when Redis is down. */
  void start(Duration wait) {
    prober.scheduleWithFixedDelay(this::probeIfDown, 0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    try {
      firstUp.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      markDown("no answer within " + wait + " at start");
    }
  }

  boolean isUp() {
    return up.get();
  }

  String instanceId() {
    return instanceId;
  }

  /**
   * Publishes asynchronously unless the bus is down.
   *
   * @param outcome told whether Redis accepted the message (false when the bus is down or the
   *     publish failed; the failure also turns the bus down)
   * @return false when nothing was sent because the bus is down
   */
  boolean publish(InvalidationMessage message, PublishOutcome outcome) {
    if (!up.get()) {
      return false;
    }
    try {
      topic.publishAsync(message.encode()).whenComplete((receivers, error) -> {
        if (error == null) {
          outcome.sent();
        } else {
          outcome.failed();
          markDown("publish failed: " + error);
        }
      });
      return true;
    } catch (RuntimeException e) {
      outcome.failed();
      markDown("publish failed: " + e);
      return true;
    }
  }

  /** The result of one publish. */
  interface PublishOutcome {
    void sent();

    void failed();
  }

  /** A hint that the connection is back: probe now rather than at the next tick. */
  void probeSoon() {
    if (!closed && !up.get()) {
      try {
        prober.execute(this::probeIfDown);
      } catch (RuntimeException e) {
        // shutting down
      }
    }
  }

  /** Something went wrong with Redis: go down (once), warn once per outage. */
  void markDown(String reason) {
    if (closed) {
      return;
    }
    boolean wasUp = up.getAndSet(false);
    if (!outageLogged) {
      outageLogged = true;
      log.warn("Redis at {} unreachable ({}); bms keeps serving from local near caches with a short TTL "
          + "and will clear them when Redis is back", where, reason);
    }
    if (wasUp) {
      events.wentDown();
    }
  }

  private void markUp() {
    if (closed || !up.compareAndSet(false, true)) {
      return;
    }
    if (outageLogged) {
      outageLogged = false;
      log.info("Redis at {} reachable again; near caches cleared, invalidations flow again", where);
    } else {
      log.debug("Redis at {} reachable; invalidation topic {} subscribed", where, topic.getChannelNames());
    }
    events.cameUp();
    firstUp.complete(null);
  }

  private void probeIfDown() {
    if (closed || up.get()) {
      return;
    }
    String nonce = UUID.randomUUID().toString();
    CompletableFuture<Void> echo = new CompletableFuture<>();
    pendingProbes.put(nonce, echo);
    try {
      ensureSubscribed().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      topic.publishAsync(InvalidationMessage.probe(instanceId, nonce).encode())
          .toCompletableFuture().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      echo.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      markUp();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      markDown("probe failed: " + rootMessage(e));
    } finally {
      pendingProbes.remove(nonce);
    }
  }

  /**
   * Subscribes the message and status listeners once each; retries only an attempt that failed
   * (once subscribed, Redisson resubscribes by itself after reconnecting).
   */
  private synchronized CompletableFuture<Void> ensureSubscribed() {
    if (messageSubscription == null || messageSubscription.isCompletedExceptionally()) {
      messageSubscription = topic.addListenerAsync(String.class, (channel, text) -> onMessage(text))
          .toCompletableFuture();
    }
    if (statusSubscription == null || statusSubscription.isCompletedExceptionally()) {
      statusSubscription = topic.addListenerAsync(new StatusListener() {
        @Override
        public void onSubscribe(String channel) {
          probeSoon();
        }

        @Override
        public void onUnsubscribe(String channel) {
          markDown("unsubscribed from " + channel);
        }
      }).toCompletableFuture();
    }
    return CompletableFuture.allOf(messageSubscription, statusSubscription);
  }

  private void onMessage(String text) {
    InvalidationMessage.decode(text).ifPresentOrElse(message -> {
      if (message.instanceId().equals(instanceId)) {
        if (message.op() == Op.PROBE) {
          CompletableFuture<Void> echo = pendingProbes.get(message.keys().get(0));
          if (echo != null) {
            echo.complete(null);
          }
        }
      } else if (message.op() != Op.PROBE) {
        events.received(message);
      }
    }, () -> log.debug("ignored malformed invalidation message {}", text));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public void close() {
    closed = true;
    prober.shutdownNow();
    try {
      topic.removeAllListeners();
    } catch (RuntimeException e) {
      log.debug("could not remove topic listeners at close", e);
    }
  }
}
