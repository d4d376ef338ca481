package dev.bms.core.internal.alert;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.UnknownPluginException;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.alert.NotifierSpec;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated alerting configuration with its notifiers created (validated, not connected), as
 * the builder resolves it.
 *
 * @param config the configuration
 * @param notifiers notifier instances by configured name
 */
public record AlertingSetup(AlertingConfig config, Map<String, Notifier> notifiers) {
  public AlertingSetup {
    notifiers = Map.copyOf(notifiers);
  }

  /**
   * Creates every configured notifier through its factory (a plugin's, or core's {@code log}),
   * adding every problem found to {@code problems}.
   */
  public static AlertingSetup create(AlertingConfig config, PluginRegistry plugins, List<String> problems) {
    Map<String, Notifier> created = new LinkedHashMap<>();
    for (NotifierSpec spec : config.notifiers()) {
      NotifierFactory factory;
      if (plugins.notifierTypes().contains(spec.type())) {
        factory = plugins.notifierFactory(spec.type());
      } else if (spec.type().equals(LogNotifierFactory.TYPE)) {
        factory = new LogNotifierFactory();
      } else {
        UnknownPluginException e = new UnknownPluginException("notifier", spec.type(), known(plugins));
        problems.add("alerting.notifiers." + spec.name() + ": " + e.getMessage());
        continue;
      }
      try {
        created.put(spec.name(), plugins.notifier(factory, spec.name(), spec.config()));
      } catch (InvalidConfigException e) {
        e.problems().forEach(p -> problems.add("alerting.notifiers." + spec.name() + "." + p));
      }
    }
    return new AlertingSetup(config, created);
  }

  private static java.util.Set<String> known(PluginRegistry plugins) {
    java.util.Set<String> known = new java.util.TreeSet<>(plugins.notifierTypes());
    known.add(LogNotifierFactory.TYPE);
    return known;
  }

  /** No notifiers, default rules: alerts are raised and stored only. */
  public static AlertingSetup none() {
    return new AlertingSetup(AlertingConfig.defaults(), Map.of());
  }
}
