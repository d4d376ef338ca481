package dev.bms.core;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

/** What {@link BmsBuilder} finds on its own: the storage provider of a type, the default instance id. */
final class StorageResolution {
  private StorageResolution() {
  }

  /** The storage the {@link StorageProvider} of {@code type} on the class path creates. */
  static Storage create(ClassLoader classLoader, String type, Map<String, String> config) {
    List<String> known = new ArrayList<>();
    for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, classLoader)) {
      if (provider.type().equals(type)) {
        return provider.create(new PluginConfig("storage '" + type + "'", config));
      }
      known.add(provider.type());
    }
    throw new InvalidConfigException("storage", List.of(known.isEmpty()
        ? "no storage configured and no StorageProvider on the class path; add bms-storage-jdbc or call storage(...)"
        : "no StorageProvider of type '" + type + "'; found " + known));
  }

  /** host-pid-random. */
  static String defaultInstanceId() {
    String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    return runtime.replace('@', '-') + "-" + UUID.randomUUID().toString().substring(0, 4);
  }
}
