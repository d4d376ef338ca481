package dev.bms.core.internal.plugin;

import dev.bms.spi.BmsPlugin;
import dev.bms.spi.ComplianceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds plugins on the class path through {@link ServiceLoader}. */
public final class PluginDiscovery {
  private PluginDiscovery() {
  }

  /** {@code explicit} plus, when {@code discover}, the discovered plugins of classes not given explicitly. */
  public static List<BmsPlugin> withDiscovered(List<BmsPlugin> explicit, boolean discover, ClassLoader loader) {
    List<BmsPlugin> all = new ArrayList<>(explicit);
    if (discover) {
      for (BmsPlugin found : discover(loader)) {
        if (explicit.stream().noneMatch(p -> p.getClass().equals(found.getClass()))) {
          all.add(found);
        }
      }
    }
    return all;
  }

  /**
   * Every {@link BmsPlugin} listed in {@code META-INF/services/dev.bms.spi.BmsPlugin}, plus one
   * plugin holding the {@link ComplianceRule}s listed in {@code META-INF/services/dev.bms.spi.ComplianceRule}
   * (rules shipped without a plugin class).
   */
  public static List<BmsPlugin> discover(ClassLoader loader) {
    List<BmsPlugin> found = new ArrayList<>();
    ServiceLoader.load(BmsPlugin.class, loader).forEach(found::add);
    List<ComplianceRule> rules = new ArrayList<>();
    ServiceLoader.load(ComplianceRule.class, loader).forEach(rules::add);
    if (!rules.isEmpty()) {
      found.add(new ServiceLoaderRules(List.copyOf(rules)));
    }
    return found;
  }

  /** The compliance rules found by ServiceLoader, as one plugin. */
  private record ServiceLoaderRules(List<ComplianceRule> complianceRules) implements BmsPlugin {
    @Override
    public String name() {
      return "service-loader-compliance-rules";
    }
  }
}
