package dev.bms.plugins.webhook;

import dev.bms.spi.BmsPlugin;
import dev.bms.spi.notify.NotifierFactory;
import java.util.List;

/**
 * The webhook plugin: provides the {@code "webhook"} notifier, which POSTs alerts as JSON to a
 * generic endpoint, a Slack incoming webhook or a Microsoft Teams workflow/connector. Found through
 * {@link java.util.ServiceLoader}, or registered explicitly on the builder.
 */
public final class WebhookPlugin implements BmsPlugin {

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public List<NotifierFactory> notifiers() {
    return List.of(new WebhookNotifierFactory());
  }
}
