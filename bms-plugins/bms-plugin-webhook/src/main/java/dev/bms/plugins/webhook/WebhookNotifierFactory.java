package dev.bms.plugins.webhook;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;

/**
 * Creates {@code "webhook"} notifiers. Keys (see {@code docs/notifiers.md}): {@code url}
 * (required, http or https), {@code format} (GENERIC/SLACK/TEAMS, default GENERIC),
 * {@code headers} ({@code Name: value; Name2: value2}), {@code timeout} (10s),
 * {@code maxAttempts} (3), {@code initialBackoff} (500ms, doubling) and {@code maxBackoff} (10s).
 * Validation reports every bad or unknown key at once; nothing connects before the first send.
 */
public final class WebhookNotifierFactory implements NotifierFactory {

  /** The type name routes use. */
  public static final String TYPE = "webhook";

  @Override
  public String type() {
    return TYPE;
  }

  /** Retry-After dates are measured against the context's clock. */
  @Override
  public Notifier create(PluginConfig config, PluginContext context) {
    return new WebhookNotifier(WebhookSettings.from(config), context.clock());
  }
}
