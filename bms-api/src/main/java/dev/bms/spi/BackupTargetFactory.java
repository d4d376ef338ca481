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
   * Validates the configuration and creates a target. Must report every bad or unknown key at once
   * ({@link PluginConfig#validate()}), and should not do slow I/O: bms calls it when a job is
   * created or updated, to validate the copy.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   */
  BackupTarget create(PluginConfig config);
}
