package dev.bms.spi.storage;

import dev.bms.spi.PluginConfig;

/**
 * Creates a {@link Storage} from configuration keys; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.bms.spi.storage.StorageProvider}). bms-storage-jdbc provides
 * type {@code "jdbc"}, which core uses (embedded H2 under {@code ./bms-data}) when the builder is
 * given no storage.
 *
 * @since 0.1.0
 */
public interface StorageProvider {

  /** The type name, e.g. {@code "jdbc"}. */
  String type();

  /**
   * Validates the configuration and creates a storage. Must not connect yet: {@link Storage#start()}
   * does.
   *
   * @throws dev.bms.api.InvalidConfigException listing every problem
   */
  Storage create(PluginConfig config);
}
