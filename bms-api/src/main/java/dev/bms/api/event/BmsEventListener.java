package dev.bms.api.event;

/**
 * Receives {@link BmsEvent}s. Called synchronously on the thread that committed the change, in
 * commit order per execution: keep it fast and hand slow work to your own executor. An exception
 * thrown by a listener is logged and never affects the backup or other listeners.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BmsEventListener {

  /** Handles one event. */
  void onEvent(BmsEvent event);
}
