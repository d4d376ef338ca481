package dev.bms.spi.notify;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;

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
   * notifier; the method bms calls. Should not connect yet. Keep what the notifier needs from
   * {@code context} (its clock for timestamps and backoff, metrics) instead of reaching for
   * {@code Clock.systemUTC()}.
   *
   * <p>The default calls {@link #create(PluginConfig)}, for factories that need nothing from the
   * manager; every factory overrides one of the two.
   *
   * @param config the configuration keys, with the manager's secret resolution
   * @param context the manager's clock, instance id, metrics and secrets
   * @throws dev.bms.api.InvalidConfigException listing every problem
   * @since 0.1.0
   */
  default Notifier create(PluginConfig config, PluginContext context) {
    return create(config);
  }

  /**
   * Creates a notifier for a factory that needs nothing from the manager; bms never calls this one
   * directly. Override {@link #create(PluginConfig, PluginContext)} instead when the notifier keeps
   * time, records metrics or resolves secrets outside its configuration.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   * @throws UnsupportedOperationException when the factory overrides neither method
   */
  default Notifier create(PluginConfig config) {
    throw new UnsupportedOperationException(getClass().getName() + " (type '" + type()
        + "') must override create(PluginConfig, PluginContext)");
  }
}
