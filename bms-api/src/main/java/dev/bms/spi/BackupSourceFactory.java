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
   * Validates the configuration and creates a source; reports every bad or unknown key at once.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   */
  BackupSource create(PluginConfig config);
}
