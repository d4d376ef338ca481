package dev.bms.spi.notify;

import dev.bms.spi.PluginConfig;

/**
 * Creates {@link Notifier}s of one type ({@code "email"}, {@code "webhook"}, {@code "log"}...).
 *
 * @since 0.1.0
 */
public interface NotifierFactory {

  /** The type name routes use. */
  String type();

  /**
   * Validates the configuration (reporting every bad or unknown key at once) and creates a
   * notifier. Should not connect yet.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   */
  Notifier create(PluginConfig config);
}
