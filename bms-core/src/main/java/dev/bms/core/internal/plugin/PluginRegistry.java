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
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.Notifier;
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
  private final PluginContexts contexts;
  private Map<String, ComplianceRule> complianceRules = Map.of();

  private record TargetKey(String type, Map<String, String> config) {}

  private PluginRegistry(Map<String, BackupTargetFactory> targets, Map<String, BackupSourceFactory> sources,
                         Map<String, NotifierFactory> notifiers, PluginContexts contexts) {
    this.contexts = contexts;
    this.targets = Map.copyOf(targets);
    this.sources = Map.copyOf(sources);
    this.notifiers = Map.copyOf(notifiers);
  }

  /**
   * Indexes the plugins' factories, which will create their instances with {@code contexts}.
   *
   * @throws InvalidConfigException when two factories of one kind share a type, or a factory
   *     overrides neither of its {@code create} methods
   */
  public static PluginRegistry of(Collection<BmsPlugin> plugins, PluginContexts contexts) {
    List<String> problems = new ArrayList<>();
    Map<String, BackupTargetFactory> targets = index(plugins, "target", BmsPlugin::targets, BackupTargetFactory::type, problems);
    Map<String, BackupSourceFactory> sources = index(plugins, "source", BmsPlugin::sources, BackupSourceFactory::type, problems);
    Map<String, NotifierFactory> notifiers = index(plugins, "notifier", BmsPlugin::notifiers, NotifierFactory::type, problems);
    Map<String, ComplianceRule> rules = index(plugins, "compliance rule", BmsPlugin::complianceRules, ComplianceRule::id, problems);
    targets.values().forEach(f -> requireCreate(f, BackupTargetFactory.class, "target", f.type(), problems));
    sources.values().forEach(f -> requireCreate(f, BackupSourceFactory.class, "source", f.type(), problems));
    notifiers.values().forEach(f -> requireCreate(f, NotifierFactory.class, "notifier", f.type(), problems));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("plugins", problems);
    }
    PluginRegistry registry = new PluginRegistry(targets, sources, notifiers, contexts);
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

  /**
   * A factory's two {@code create} methods default to each other's absence: one that overrides
   * neither would fail at its first use, so the build refuses it.
   */
  private static void requireCreate(Object factory, Class<?> spi, String kind, String type, List<String> problems) {
    try {
      Class<?> withContext = factory.getClass().getMethod("create", PluginConfig.class, PluginContext.class)
          .getDeclaringClass();
      Class<?> withoutContext = factory.getClass().getMethod("create", PluginConfig.class).getDeclaringClass();
      if (withContext == spi && withoutContext == spi) {
        problems.add(kind + " type '" + type + "': " + factory.getClass().getName()
            + " overrides neither create(PluginConfig, PluginContext) nor create(PluginConfig)");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the " + spi.getSimpleName() + " SPI has no create method", e);
    }
  }

  /** How factories get their contexts and configurations. */
  public PluginContexts contexts() {
    return contexts;
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
        k -> createTarget(factory, k));
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
    BackupTarget probe = createTarget(factory, key);
    try {
      probe.close();
    } catch (RuntimeException e) {
      log.debug("Closing target {} created for validation failed", type, e);
    }
  }

  /**
   * Whether a target of this type and configuration locks what it writes, and for how long
   * ({@link BackupTarget#lockPeriod()}); read from the instance executions use when there is one,
   * else from one created for the question and closed.
   *
   * @throws UnknownPluginException when no plugin provides the type
   * @throws InvalidConfigException naming every bad key
   */
  public TargetLock lockOf(String type, Map<String, String> config) {
    TargetKey key = new TargetKey(type, Map.copyOf(config));
    BackupTarget existing = targetInstances.get(key);
    if (existing != null) {
      return TargetLock.of(existing);
    }
    BackupTargetFactory factory = targets.get(type);
    if (factory == null) {
      throw new UnknownPluginException("target", type, targets.keySet());
    }
    BackupTarget probe = createTarget(factory, key);
    try {
      return TargetLock.of(probe);
    } finally {
      try {
        probe.close();
      } catch (Exception e) {
        log.debug("Closing target {} created to read its lock failed", type, e);
      }
    }
  }

  /**
   * What a configured target declares about locking.
   *
   * @param immutable {@code TargetCapabilities.immutable()}
   * @param period {@link BackupTarget#lockPeriod()}
   */
  public record TargetLock(boolean immutable, java.time.Duration period) {
    static TargetLock of(BackupTarget t) {
      return new TargetLock(t.capabilities().immutable(), t.lockPeriod());
    }

    /** Whether copies are locked at all. */
    public boolean locks() {
      return immutable || !period.isZero();
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
    return factory.create(contexts.config("source '" + type + "'", config), contexts.context("source", type));
  }

  private BackupTarget createTarget(BackupTargetFactory factory, TargetKey key) {
    return factory.create(contexts.config("target '" + key.type() + "'", key.config()),
        contexts.context("target", key.type()));
  }

  /**
   * Creates a notifier named {@code name} with {@code factory} (a plugin's, or core's own).
   *
   * @throws InvalidConfigException naming every bad key
   */
  public Notifier notifier(NotifierFactory factory, String name, Map<String, String> config) {
    return factory.create(contexts.config("notifier '" + name + "' (" + factory.type() + ")", config),
        contexts.context("notifier", factory.type()));
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
