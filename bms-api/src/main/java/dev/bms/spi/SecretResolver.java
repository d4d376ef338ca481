package dev.bms.spi;

import java.util.Optional;

/**
 * Resolves secret references of one scheme: a job's configuration value
 * {@code secret:<scheme>:<name>} is handed to the resolver whose {@link #scheme()} matches, when
 * the plugin reading it asks for a {@link Secret}. bms has two built in, {@code env} (an
 * environment variable) and {@code file} (a file's content, one trailing line break dropped); an
 * application adds others (Vault, a cloud secret manager) with
 * {@code Bms.builder().secretResolver(...)}, and a plugin through {@link BmsPlugin#secretResolvers()}.
 * A resolver registered for {@code env} or {@code file} replaces the built-in one.
 *
 * <pre>{@code
 * SecretResolver vault = new SecretResolver() {
 *   public String scheme() { return "vault"; }
 *   public Optional<Secret> resolve(String name) { return vaultClient.read(name).map(Secret::of); }
 * };
 * // a copy's config: Map.of("password", "secret:vault:backup/sftp")
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should be fast: bms resolves when it validates a job
 * and when it creates a target. Messages of exceptions thrown from {@link #resolve} are shown to
 * users, so they must never contain the secret.
 *
 * @since 0.1.0
 */
public interface SecretResolver {

  /** The scheme this resolver answers, lowercase letters, digits and {@code -}, e.g. {@code "vault"}. */
  String scheme();

  /**
   * The secret named {@code name} (the part after {@code secret:<scheme>:}); empty when there is
   * none by that name.
   *
   * @throws RuntimeException when the backing store cannot be reached (reported as a problem of the key)
   */
  Optional<Secret> resolve(String name);
}
