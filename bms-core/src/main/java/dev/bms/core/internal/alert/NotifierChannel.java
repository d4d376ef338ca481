package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.ratelimit.RateLimiter;
import dev.bms.spi.storage.AlertStore;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one notifier, isolated from everything else: a bounded queue ({@link #offer} never
 * blocks; a full queue drops and counts), one worker thread taking from it, and each
 * {@code send} run on a separate sender thread awaited for at most the delivery timeout, then
 * interrupted. A notifier that ignores the interrupt keeps that one sender thread; while it hangs,
 * further attempts fail at once as "hung" instead of piling up threads. Retryable failures are
 * retried with exponential backoff up to the attempt limit: this channel's retries are its own, so
 * a failing channel never makes another resend. Every attempt is recorded.
 */
final class NotifierChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifierChannel.class);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final String name;
  private final Notifier notifier;
  private final AlertingConfig config;
  private final RateLimiter limiter;
  private final AlertStore store;
  private final AlertMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Deliveries deliveries;
  private final BlockingQueue<Outbound> queue;
  private final ExecutorService sender;
  private final Thread worker;
  private final AtomicInteger delivered = new AtomicInteger();
  private volatile boolean closed;
  private Future<?> inFlight;

  NotifierChannel(String name, Notifier notifier, AlertingConfig config, RateLimiter limiter, AlertStore store,
                  AlertMetrics metrics, Clock clock, ScheduledExecutorService timers, Deliveries deliveries,
                  String threadPrefix) {
    this.name = name;
    this.notifier = notifier;
    this.config = config;
    this.limiter = limiter;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.timers = timers;
    this.deliveries = deliveries;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    AtomicInteger senders = new AtomicInteger();
    this.sender = Executors.newCachedThreadPool(r -> daemon(r, threadPrefix + "-notify-" + name + "-send-"
        + senders.incrementAndGet()));
    this.worker = daemon(this::work, threadPrefix + "-notify-" + name);
    Gauge.builder("bms.alerts.queue.size", queue, BlockingQueue::size)
        .description("Notifications waiting for a notifier").tag("notifier", name).register(metrics.registry());
  }

  String name() {
    return name;
  }

  void start() {
    worker.start();
  }

  /** Queues a notification without blocking; a full queue (or a closed channel) drops it, counted and recorded. */
  void offer(Outbound out) {
    if (closed) {
      drop(out, "closing");
      return;
    }
    deliveries.begin();
    if (!queue.offer(out)) {
      try {
        drop(out, "queue-full");
      } finally {
        deliveries.done();
      }
    }
  }

  private void work() {
    while (!closed) {
      Outbound out;
      try {
        out = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (out == null) {
        continue;
      }
      try {
        deliver(out);
      } catch (RuntimeException e) {
        // never let one notification (or a storage hiccup while recording it) stop the channel
        log.warn("Notifier '{}' failed to process notification {}", name, out.notification().id(), e);
      } finally {
        deliveries.done();
      }
    }
  }

  private void deliver(Outbound out) {
    if (!limiter.tryAcquire(name)) {
      metrics.rateLimited(name);
      long waitMs = Math.max(50, config.rateLimitInterval().toMillis() / config.rateLimitPermits());
      deliveries.schedule(timers, () -> offer(out), waitMs);
      return;
    }
    String error;
    boolean retryable;
    String reason;
    if (inFlight != null && !inFlight.isDone()) {
      error = "notifier is still hung in an earlier send";
      retryable = true;
      reason = "hung";
    } else {
      inFlight = sender.submit(() -> notifier.send(out.notification()));
      try {
        inFlight.get(config.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        succeeded(out);
        return;
      } catch (TimeoutException e) {
        inFlight.cancel(true);
        error = "timed out after " + config.deliveryTimeout();
        retryable = true;
        reason = "timeout";
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        error = String.valueOf(cause.getMessage());
        retryable = cause instanceof DeliveryException d && d.retryable();
        reason = "error";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        inFlight.cancel(true);
        drop(out, "closing");
        return;
      }
    }
    metrics.deliveryFailed(name, reason);
    if (retryable && out.attempt() < config.maxAttempts() && !closed) {
      record(out, NotificationAttempt.Outcome.RETRYING, Optional.of(error));
      long backoff = config.retryBackoff().multipliedBy(1L << Math.min(20, out.attempt() - 1)).toMillis();
      log.info("Notifier '{}' failed notification {} (attempt {}): {}; retrying in {} ms", name,
          out.notification().id(), out.attempt(), error, Math.min(backoff, MAX_BACKOFF.toMillis()));
      deliveries.schedule(timers, () -> offer(out.nextAttempt()), Math.min(backoff, MAX_BACKOFF.toMillis()));
    } else {
      giveUp(out, error);
    }
  }

  private void succeeded(Outbound out) {
    delivered.incrementAndGet();
    metrics.notified(name, out.notification().kind().name());
    record(out, NotificationAttempt.Outcome.DELIVERED, Optional.empty());
    for (AlertId id : out.alertIds()) {
      history(id, AlertHistoryEntry.Kind.DELIVERED, name + " (" + out.notification().kind() + ", attempt "
          + out.attempt() + ")");
    }
    out.fanOuts().forEach(f -> f.done(name, true));
  }

  private void giveUp(Outbound out, String error) {
    log.warn("Notifier '{}' could not deliver notification {} after {} attempt(s): {}", name,
        out.notification().id(), out.attempt(), error);
    metrics.undeliverable(name);
    record(out, NotificationAttempt.Outcome.UNDELIVERABLE, Optional.of(error));
    for (AlertId id : out.alertIds()) {
      history(id, AlertHistoryEntry.Kind.DELIVERY_FAILED, name + ": " + error);
    }
    out.fanOuts().forEach(f -> f.done(name, false));
  }

  private void drop(Outbound out, String reason) {
    log.warn("Notifier '{}' dropped notification {}: {}", name, out.notification().id(), reason);
    metrics.dropped(name, reason);
    record(out, NotificationAttempt.Outcome.DROPPED, Optional.of(reason));
    out.fanOuts().forEach(f -> f.done(name, false));
  }

  private void record(Outbound out, NotificationAttempt.Outcome outcome, Optional<String> error) {
    try {
      store.recordAttempt(new NotificationAttempt(out.notification().id(), name, out.notification().kind().name(),
          out.alertIds(), out.attempt(), outcome, error, clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Could not record {} of notification {} on '{}'", outcome, out.notification().id(), name, e);
    }
  }

  private void history(AlertId id, AlertHistoryEntry.Kind kind, String detail) {
    try {
      store.appendHistory(new AlertHistoryEntry(id, clock.instant(), kind, detail));
    } catch (RuntimeException e) {
      log.debug("Could not record {} of alert {}: {}", kind, id, e.toString());
    }
  }

  /** Stops the worker and interrupts a running send; what is still queued is dropped and recorded. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.shutdownNow();
    Outbound left;
    while ((left = queue.poll()) != null) {
      try {
        drop(left, "closing");
      } finally {
        deliveries.done();
      }
    }
    try {
      notifier.close();
    } catch (RuntimeException e) {
      log.warn("Closing notifier '{}' failed", name, e);
    }
  }

  private static Thread daemon(Runnable r, String threadName) {
    Thread t = new Thread(r, threadName);
    t.setDaemon(true);
    return t;
  }
}
