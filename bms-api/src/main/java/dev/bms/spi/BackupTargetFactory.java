package dev.bms.spi;

/**
 * Creates {@link BackupTarget}s of one type from a copy's configuration.
 *
 * @since 0.1.0
 */
public interface BackupTargetFactory {

  /** The type name jobs use in {@code CopySpec.target(type, config)}, e.g. {@code "filesystem"}. */
  String type();

  /**
   * Validates the configuration and creates a target; the method bms calls. Must report every bad
   * or unknown key at once ({@link PluginConfig#validate()}), and should not do slow I/O: bms calls
   * it when a job is created or updated, to validate the copy (closing that instance at once), and
   * again to create the instance executions use. Keep what the instance needs from
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
  default BackupTarget create(PluginConfig config, PluginContext context) {
    return create(config);
  }

  /**
   * Creates a target for a factory that needs nothing from the manager; bms never calls this one
   * directly. Override {@link #create(PluginConfig, PluginContext)} instead when the instances
   * keep time, record metrics or resolve secrets outside their configuration.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   * @throws UnsupportedOperationException when the factory overrides neither method
   */
  default BackupTarget create(PluginConfig config) {
    throw new UnsupportedOperationException(getClass().getName() + " (type '" + type()
        + "') must override create(PluginConfig, PluginContext)");
  }
}
