package dev.bms.core.internal.plugin;

import dev.bms.spi.BmsPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds plugins on the class path through {@link ServiceLoader}. */
public final class PluginDiscovery {
  private PluginDiscovery() {
  }

  /** Every {@link BmsPlugin} listed in {@code META-INF/services/dev.bms.spi.BmsPlugin}. */
  public static List<BmsPlugin> discover(ClassLoader loader) {
    List<BmsPlugin> found = new ArrayList<>();
    ServiceLoader.load(BmsPlugin.class, loader).forEach(found::add);
    return found;
  }
}
