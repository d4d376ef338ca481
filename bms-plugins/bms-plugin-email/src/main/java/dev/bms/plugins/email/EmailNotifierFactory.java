package dev.bms.plugins.email;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;

/**
 * Creates {@code "email"} notifiers. Keys (see {@code docs/notifiers.md}): {@code host}
 * (required), {@code port} (587), {@code from} (required), {@code to} (required, comma-separated),
 * {@code username}/{@code password} (optional; SMTP AUTH when set; the password is a secret
 * reference such as {@code secret:env:SMTP_PASSWORD}, read as a {@link dev.bms.spi.Secret}), {@code tls}
 * (NONE/STARTTLS/SSL, default STARTTLS), {@code timeout} (10s), {@code subjectPrefix} ("[bms]").
 * Validation reports every bad or unknown key at once; nothing connects before the first send.
 */
public final class EmailNotifierFactory implements NotifierFactory {

  /** The type name routes use. */
  public static final String TYPE = "email";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Notifier create(PluginConfig config, PluginContext context) {
    return new EmailNotifier(EmailSettings.from(config));
  }
}
