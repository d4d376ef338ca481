package dev.bms.core.internal.event;

import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners synchronously, in registration order. A failing listener is logged
 * and skipped: it never affects the publisher or the other listeners.
 */
public final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final CopyOnWriteArrayList<BmsEventListener> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener; closing the handle removes it. */
  public AutoCloseable subscribe(BmsEventListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Publishes one event to every listener. */
  public void publish(BmsEvent event) {
    for (BmsEventListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("Event listener {} failed on {}", l, event.getClass().getSimpleName(), e);
      }
    }
  }
}
