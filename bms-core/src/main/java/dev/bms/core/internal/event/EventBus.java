package dev.bms.core.internal.event;

import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.Subscription;
import dev.bms.core.internal.tx.AfterCommit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners synchronously, in registration order; inside a joint transaction (an
 * audited call), once it committed ({@link AfterCommit}). A failing listener is logged
 * and skipped: it never affects the publisher or the other listeners.
 */
public final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final CopyOnWriteArrayList<BmsEventListener> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener; closing the handle removes it. */
  public Subscription subscribe(BmsEventListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Publishes events that belong together (e.g. every job's result of one compliance evaluation):
   * a {@link BatchEventListener} receives them in one call, any other listener one by one.
   */
  public void publishAll(List<? extends BmsEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<BmsEvent> batch = List.copyOf(events);
    AfterCommit.run(() -> deliverAll(batch));
  }

  private void deliverAll(List<BmsEvent> batch) {
    for (BmsEventListener l : listeners) {
      try {
        if (l instanceof BatchEventListener b) {
          b.onEvents(batch);
        } else {
          for (BmsEvent e : batch) {
            deliver(l, e);
          }
        }
      } catch (RuntimeException e) {
        log.warn("Event listener {} failed on a batch of {} events", l, batch.size(), e);
      }
    }
  }

  private static void deliver(BmsEventListener l, BmsEvent event) {
    try {
      l.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("Event listener {} failed on {}", l, event.getClass().getSimpleName(), e);
    }
  }

  /** Publishes one event to every listener (after the commit, inside a joint transaction: {@link AfterCommit}). */
  public void publish(BmsEvent event) {
    AfterCommit.run(() -> deliver(event));
  }

  private void deliver(BmsEvent event) {
    for (BmsEventListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("Event listener {} failed on {}", l, event.getClass().getSimpleName(), e);
      }
    }
  }
}
