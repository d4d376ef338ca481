package dev.bms.core.internal.plugin;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.UnknownPluginException;
import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.notify.NotifierFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin factories of one manager, by type name, and the target instances created from them.
 * Built once from the explicitly registered plugins plus those {@link java.util.ServiceLoader}
 * finds; two factories of one kind with one type fail the build, listing every clash.
 *
 * <p>Targets are created once per distinct (type, configuration) and reused by every execution,
 * which is why {@link BackupTarget} implementations must be thread-safe.
 */
public final class PluginRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

  private final Map<String, BackupTargetFactory> targets;
  private final Map<String, BackupSourceFactory> sources;
  private final Map<String, NotifierFactory> notifiers;
  private final Map<TargetKey, BackupTarget> targetInstances = new ConcurrentHashMap<>();
  private Map<String, ComplianceRule> complianceRules = Map.of();

  private record TargetKey(String type, Map<String, String> config) {}

  private PluginRegistry(Map<String, BackupTargetFactory> targets, Map<String, BackupSourceFactory> sources,
                         Map<String, NotifierFactory> notifiers) {
    this.targets = Map.copyOf(targets);
    this.sources = Map.copyOf(sources);
    this.notifiers = Map.copyOf(notifiers);
  }

  /**
   * Indexes the plugins' factories.
   *
   * @throws InvalidConfigException when two factories of one kind share a type
   */
  public static PluginRegistry of(Collection<BmsPlugin> plugins) {
    List<String> problems = new ArrayList<>();
    Map<String, BackupTargetFactory> targets = index(plugins, "target", BmsPlugin::targets, BackupTargetFactory::type, problems);
    Map<String, BackupSourceFactory> sources = index(plugins, "source", BmsPlugin::sources, BackupSourceFactory::type, problems);
    Map<String, NotifierFactory> notifiers = index(plugins, "notifier", BmsPlugin::notifiers, NotifierFactory::type, problems);
    Map<String, ComplianceRule> rules = index(plugins, "compliance rule", BmsPlugin::complianceRules, ComplianceRule::id, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("plugins", problems);
    }
    PluginRegistry registry = new PluginRegistry(targets, sources, notifiers);
    registry.complianceRules = Map.copyOf(rules);
    return registry;
  }

  private static <F> Map<String, F> index(Collection<BmsPlugin> plugins, String kind,
                                          Function<BmsPlugin, List<F>> factories, Function<F, String> type,
                                          List<String> problems) {
    Map<String, F> byType = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (BmsPlugin plugin : plugins) {
      for (F factory : factories.apply(plugin)) {
        String t = type.apply(factory);
        if (byType.putIfAbsent(t, factory) != null) {
          problems.add(kind + " type '" + t + "' is provided by both plugin '" + owner.get(t)
              + "' and plugin '" + plugin.name() + "'");
        } else {
          owner.put(t, plugin.name());
        }
      }
    }
    return byType;
  }

  /** Target types available. */
  public java.util.Set<String> targetTypes() {
    return targets.keySet();
  }

  /** Source types available. */
  public java.util.Set<String> sourceTypes() {
    return sources.keySet();
  }

  /** Notifier types available. */
  public java.util.Set<String> notifierTypes() {
    return notifiers.keySet();
  }

  /** Whether a target type is known. */
  public boolean hasTarget(String type) {
    return targets.containsKey(type);
  }

  /** Whether a source type is known. */
  public boolean hasSource(String type) {
    return sources.containsKey(type);
  }

  /**
   * The target for this type and configuration, created (and validated) on first use.
   *
   * @throws UnknownPluginException when no plugin provides the type
   * @throws InvalidConfigException naming every bad key
   */
  public BackupTarget target(String type, Map<String, String> config) {
    BackupTargetFactory factory = targets.get(type);
    if (factory == null) {
      throw new UnknownPluginException("target", type, targets.keySet());
    }
    return targetInstances.computeIfAbsent(new TargetKey(type, Map.copyOf(config)),
        k -> factory.create(new PluginConfig("target '" + type + "'", k.config())));
  }

  /**
   * Drops {@code instance} (a target whose writer thread had to be abandoned) so the next use of
   * this type and configuration creates a fresh one, and closes it on a thread of its own: a stuck
   * instance may block in {@code close} too.
   */
  public void replaceTarget(String type, Map<String, String> config, BackupTarget instance) {
    if (targetInstances.remove(new TargetKey(type, Map.copyOf(config)), instance)) {
      Thread closer = new Thread(() -> {
        try {
          instance.close();
        } catch (RuntimeException e) {
          log.warn("Closing stuck target {} failed", type, e);
        }
      }, "bms-close-" + type);
      closer.setDaemon(true);
      closer.start();
    }
  }

  /**
   * Creates a target only to validate its configuration, and closes it: it is not kept, so jobs
   * validated but never run (or rejected) leave no target behind.
   *
   * @throws UnknownPluginException when no plugin provides the type
   * @throws InvalidConfigException naming every bad key
   */
  public void validateTarget(String type, Map<String, String> config) {
    TargetKey key = new TargetKey(type, Map.copyOf(config));
    if (targetInstances.containsKey(key)) {
      return;
    }
    BackupTargetFactory factory = targets.get(type);
    if (factory == null) {
      throw new UnknownPluginException("target", type, targets.keySet());
    }
    BackupTarget probe = factory.create(new PluginConfig("target '" + type + "'", key.config()));
    try {
      probe.close();
    } catch (RuntimeException e) {
      log.debug("Closing target {} created for validation failed", type, e);
    }
  }

  /**
   * A new source for this type and configuration.
   *
   * @throws UnknownPluginException when no plugin provides the type
   * @throws InvalidConfigException naming every bad key
   */
  public BackupSource source(String type, Map<String, String> config) {
    BackupSourceFactory factory = sources.get(type);
    if (factory == null) {
      throw new UnknownPluginException("source", type, sources.keySet());
    }
    return factory.create(new PluginConfig("source '" + type + "'", config));
  }

  /** The notifier factory of a type. */
  public NotifierFactory notifierFactory(String type) {
    NotifierFactory factory = notifiers.get(type);
    if (factory == null) {
      throw new UnknownPluginException("notifier", type, notifiers.keySet());
    }
    return factory;
  }

  /** Compliance rules the plugins provide, by id (order unspecified). */
  public java.util.Collection<ComplianceRule> complianceRules() {
    return complianceRules.values();
  }

  /** Closes every target created. */
  @Override
  public void close() {
    for (BackupTarget t : targetInstances.values()) {
      try {
        t.close();
      } catch (RuntimeException e) {
        log.warn("Closing target {} failed", t, e);
      }
    }
    targetInstances.clear();
  }
}
