package dev.bms.core.internal.alert;

import dev.bms.api.model.Alert;
import dev.bms.spi.notify.NotificationKind;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One alert sent (firing or resolved) to the notifiers of its routes: when every one of them has
 * failed for good and none delivered, the fallback notifier gets it.
 */
final class FanOut {
  final Alert alert;
  final NotificationKind kind;
  private final Set<String> pending;
  private final Consumer<FanOut> onAllFailed;
  private boolean delivered;

  FanOut(Alert alert, NotificationKind kind, Set<String> notifiers, Consumer<FanOut> onAllFailed) {
    this.alert = alert;
    this.kind = kind;
    this.pending = new HashSet<>(notifiers);
    this.onAllFailed = onAllFailed;
  }

  /** A notifier finished with this alert, delivered or given up. */
  void done(String notifier, boolean ok) {
    boolean allFailed;
    synchronized (this) {
      if (!pending.remove(notifier)) {
        return;
      }
      delivered |= ok;
      allFailed = pending.isEmpty() && !delivered;
    }
    if (allFailed) {
      onAllFailed.accept(this);
    }
  }
}
