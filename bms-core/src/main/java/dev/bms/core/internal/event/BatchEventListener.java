package dev.bms.core.internal.event;

import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import java.util.List;

/**
 * A listener that handles events published together ({@link EventBus#publishAll}) as one batch,
 * e.g. to read and write storage once for all of them rather than once per event. Single events
 * still arrive through {@link #onEvent}.
 */
public interface BatchEventListener extends BmsEventListener {

  /** Handles events published together, in their order. */
  void onEvents(List<BmsEvent> events);
}
