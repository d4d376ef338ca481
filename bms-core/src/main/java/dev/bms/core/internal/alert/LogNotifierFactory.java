package dev.bms.core.internal.alert;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotifiedAlert;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Notifier type {@code "log"}, built into core: writes each notification through SLF4J, one line
 * per alert. Keys: {@code logger} (default {@code dev.bms.alerts}), {@code level} (ERROR, WARN,
 * INFO, DEBUG; default WARN for firing notifications, INFO for resolved ones and digests).
 */
public final class LogNotifierFactory implements NotifierFactory {
  /** The type name. */
  public static final String TYPE = "log";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Notifier create(PluginConfig config) {
    String logger = config.string("logger", "dev.bms.alerts");
    Level level = config.enumValue("level", Level.class, null);
    config.validate();
    return new LogNotifier(LoggerFactory.getLogger(logger), level);
  }

  private record LogNotifier(Logger log, Level level) implements Notifier {
    @Override
    public void send(Notification n) {
      Level at = level != null ? level
          : n.kind() == dev.bms.spi.notify.NotificationKind.FIRING ? Level.WARN : Level.INFO;
      log.atLevel(at).log("[bms {}] {} ({} alert{})", n.kind(), n.title(), n.alerts().size(),
          n.alerts().size() == 1 ? "" : "s");
      for (NotifiedAlert a : n.alerts()) {
        log.atLevel(at).log("  [{}] {} - rule {}, job {}, seen {} times, first {}, last {}, id {}", a.severity(),
            a.title(), a.rule(), a.jobName().orElse("-"), a.count(), a.firstSeen(), a.lastSeen(), a.alertId());
      }
    }
  }
}
