package dev.bms.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * What a manager gives every plugin factory beside the configuration: the clock every time
 * decision must use, the instance id, a metrics facade and the manager's secret resolution. A
 * factory keeps what its instances need instead of reaching for {@code Clock.systemUTC()} or
 * static registries, so a manager built with a test clock or its own meter registry governs its
 * plugins too.
 *
 * <pre>{@code
 * public BackupTarget create(PluginConfig config, PluginContext context) {
 *   Path root = config.requirePath("root");
 *   config.validate();
 *   return new BlobStoreTarget(root, context.clock(), context.metrics());
 * }
 * }</pre>
 *
 * <p>bms creates one context per plugin type; plugins used without a manager (tests, tools) use
 * {@link #standalone()} or {@link #builder()}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PluginContext {
  private static final PluginContext STANDALONE = builder().build();

  private final Clock clock;
  private final String instanceId;
  private final PluginMetrics metrics;
  private final Secrets secrets;

  private PluginContext(Builder b) {
    this.clock = b.clock;
    this.instanceId = b.instanceId;
    this.metrics = b.metrics;
    this.secrets = b.secrets;
  }

  /**
   * A context for plugins used without a manager: the system UTC clock, instance id
   * {@code "standalone"}, no metrics, the built-in secret resolvers with literal secrets refused.
   */
  public static PluginContext standalone() {
    return STANDALONE;
  }

  /** A builder starting from the {@link #standalone()} values. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock of the manager: use it for every timestamp and every age or deadline. */
  public Clock clock() {
    return clock;
  }

  /** The id of the manager's instance (as in execution owners and logs). */
  public String instanceId() {
    return instanceId;
  }

  /** Where the plugin records its own measurements. */
  public PluginMetrics metrics() {
    return metrics;
  }

  /**
   * The manager's secret resolution, the same {@link PluginConfig#requireSecret} uses; for plugins
   * that resolve references found elsewhere than in a configuration key.
   */
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public String toString() {
    return "PluginContext[instanceId=" + instanceId + ", clock=" + clock + "]";
  }

  /**
   * Builds a {@link PluginContext}; bms builds its own, tests and tools build theirs.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String instanceId = "standalone";
    private PluginMetrics metrics = PluginMetrics.none();
    private Secrets secrets = Secrets.defaults();

    private Builder() {
    }

    /** The clock (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The instance id (default {@code "standalone"}).
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder instanceId(String instanceId) {
      Objects.requireNonNull(instanceId, "instanceId");
      if (instanceId.isBlank()) {
        throw new IllegalArgumentException("instanceId must not be blank");
      }
      this.instanceId = instanceId;
      return this;
    }

    /** The metrics facade (default {@link PluginMetrics#none()}). */
    public Builder metrics(PluginMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The secret resolution (default {@link Secrets#defaults()}). */
    public Builder secrets(Secrets secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** The context. */
    public PluginContext build() {
      return new PluginContext(this);
    }
  }
}
