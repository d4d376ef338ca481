package dev.bms.plugins.email;

import dev.bms.spi.BmsPlugin;
import dev.bms.spi.notify.NotifierFactory;
import java.util.List;

/**
 * The email plugin: provides the {@code "email"} notifier, which sends alerts by SMTP.
 * Found through {@link java.util.ServiceLoader}, or registered explicitly on the builder.
 */
public final class EmailPlugin implements BmsPlugin {

  @Override
  public String name() {
    return "email";
  }

  @Override
  public List<NotifierFactory> notifiers() {
    return List.of(new EmailNotifierFactory());
  }
}
