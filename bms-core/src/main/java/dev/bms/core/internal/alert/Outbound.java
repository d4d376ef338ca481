package dev.bms.core.internal.alert;

import dev.bms.api.model.AlertId;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotifiedAlert;
import java.util.List;

/**
 * A notification on its way to one notifier, with the attempt it is at and the fan-outs to report
 * its final outcome to.
 */
record Outbound(Notification notification, List<FanOut> fanOuts, int attempt) {
  Outbound {
    fanOuts = List.copyOf(fanOuts);
  }

  Outbound nextAttempt() {
    return new Outbound(notification, fanOuts, attempt + 1);
  }

  List<AlertId> alertIds() {
    return notification.alerts().stream().map(NotifiedAlert::alertId).map(AlertId::parse).toList();
  }
}
