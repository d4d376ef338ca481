package dev.bms.spi;

import dev.bms.spi.notify.NotifierFactory;
import java.util.List;

/**
 * The root every plugin jar implements, found with {@link java.util.ServiceLoader}: a plugin jar
 * holds one line naming its implementation in {@code META-INF/services/dev.bms.spi.BmsPlugin}.
 * Override only what the plugin provides; the defaults are empty. Plugins may also be registered
 * explicitly on the builder ({@code Bms.builder().plugin(new MyPlugin())}), without ServiceLoader.
 *
 * <p>Each factory has a type name ({@code "filesystem"}, {@code "s3"}...). Two factories of one
 * kind with one type name fail the manager's start-up.
 *
 * <pre>{@code
 * public final class AcmePlugin implements BmsPlugin {
 *   public String name() { return "acme"; }
 *   public List<BackupTargetFactory> targets() { return List.of(new AcmeTargetFactory()); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface BmsPlugin {

  /** A short name for logs and error messages, e.g. {@code "filesystem"}. */
  String name();

  /** Backup target types this plugin provides. */
  default List<BackupTargetFactory> targets() {
    return List.of();
  }

  /** Backup source types this plugin provides. */
  default List<BackupSourceFactory> sources() {
    return List.of();
  }

  /** Notifier types (alert channels) this plugin provides. */
  default List<NotifierFactory> notifiers() {
    return List.of();
  }

  /**
   * Resolvers of secret references ({@code secret:<scheme>:<name>}) this plugin provides, e.g. for
   * a vault; schemes must be unique across the manager.
   */
  default List<SecretResolver> secretResolvers() {
    return List.of();
  }

  /** Compliance rules this plugin adds to the built-in 3-2-1-1-0 rules; ids must be unique. */
  default List<ComplianceRule> complianceRules() {
    return List.of();
  }
}
