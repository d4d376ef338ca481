package dev.bms.spi;

/**
 * Creates {@link BackupSource}s of one type from a job's source configuration.
 *
 * @since 0.1.0
 */
public interface BackupSourceFactory {

  /** The type name jobs use in {@code BackupJob.Builder.source(type, config)}, e.g. {@code "directory"}. */
  String type();

  /**
   * Validates the configuration and creates a source; the method bms calls. Must report every bad
   * or unknown key at once ({@link PluginConfig#validate()}). Keep what the instance needs from
   * {@code context} (its clock, metrics) instead of reaching for {@code Clock.systemUTC()}.
   *
   * <p>The default calls {@link #create(PluginConfig)}, for factories that need nothing from the
   * manager; every factory overrides one of the two.
   *
   * @param config the configuration keys, with the manager's secret resolution
   * @param context the manager's clock, instance id, metrics and secrets
   * @throws dev.bms.api.InvalidConfigException listing every problem
   * @since 0.1.0
   */
  default BackupSource create(PluginConfig config, PluginContext context) {
    return create(config);
  }

  /**
   * Creates a source for a factory that needs nothing from the manager; bms never calls this one
   * directly. Override {@link #create(PluginConfig, PluginContext)} instead when the instances
   * keep time, record metrics or resolve secrets outside their configuration.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   * @throws UnsupportedOperationException when the factory overrides neither method
   */
  default BackupSource create(PluginConfig config) {
    throw new UnsupportedOperationException(getClass().getName() + " (type '" + type()
        + "') must override create(PluginConfig, PluginContext)");
  }
}
