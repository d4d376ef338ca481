package dev.bms.core.internal.plugin;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.SecretResolver;
import dev.bms.spi.PluginContext;
import dev.bms.spi.PluginMetrics;
import dev.bms.spi.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the manager hands its plugin factories: a {@link PluginContext} per plugin kind and type
 * (the manager's clock, instance id, metrics tagged with the plugin, secret resolution) and
 * {@link PluginConfig}s that resolve secrets with the manager's {@link Secrets}.
 */
public final class PluginContexts {
  private final Clock clock;
  private final String instanceId;
  private final MeterRegistry meters;
  private final Secrets secrets;
  private final Map<String, PluginContext> byType = new ConcurrentHashMap<>();

  /**
   * @param clock the manager's clock
   * @param instanceId the manager's instance id
   * @param meters the manager's meter registry
   * @param secrets the manager's secret resolution
   */
  public PluginContexts(Clock clock, String instanceId, MeterRegistry meters, Secrets secrets) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * The manager's secret resolution: the application's resolvers, then the plugins'.
   *
   * @throws InvalidConfigException when two share a scheme or a scheme is malformed
   */
  public static Secrets secrets(List<SecretResolver> application, List<BmsPlugin> plugins, boolean allowLiterals) {
    List<SecretResolver> resolvers = new ArrayList<>(application);
    plugins.forEach(p -> resolvers.addAll(p.secretResolvers()));
    try {
      return Secrets.of(resolvers, allowLiterals);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("bms", List.of("secretResolvers: " + e.getMessage()));
    }
  }

  /** The manager's secret resolution. */
  public Secrets secrets() {
    return secrets;
  }

  /** The context of the plugin of {@code kind} ("target", "source", "notifier") and {@code type}. */
  public PluginContext context(String kind, String type) {
    return byType.computeIfAbsent(kind + "/" + type, k -> PluginContext.builder()
        .clock(clock)
        .instanceId(instanceId)
        .secrets(secrets)
        .metrics(new MicrometerPluginMetrics(meters, Tags.of("kind", kind, "plugin", type)))
        .build());
  }

  /** A configuration of {@code values} for {@code component} resolving secrets the manager's way. */
  public PluginConfig config(String component, Map<String, String> values) {
    return new PluginConfig(component, values, secrets);
  }

  /** {@link PluginMetrics} on Micrometer: every meter is {@code bms.plugin.<name>}, tagged with the plugin. */
  private record MicrometerPluginMetrics(MeterRegistry meters, Tags pluginTags) implements PluginMetrics {
    @Override
    public void increment(String name, long amount, String... tags) {
      PluginMetrics.check(name, tags);
      if (amount < 0) {
        throw new IllegalArgumentException("amount " + amount + " of " + name + " must not be negative");
      }
      Counter.builder("bms.plugin." + name).tags(pluginTags.and(tags)).register(meters).increment(amount);
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
      PluginMetrics.check(name, tags);
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration " + duration + " of " + name + " must not be negative");
      }
      Timer.builder("bms.plugin." + name).tags(pluginTags.and(tags)).register(meters).record(duration);
    }
  }
}
