package dev.bms.storage.jdbc;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code "jdbc"} storage type, found by {@link java.util.ServiceLoader}. Keys:
 *
 * <ul>
 *   <li>{@code url} — a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL; without one, an embedded
 *       H2 database under {@code ./bms-data}</li>
 *   <li>{@code user}, {@code password} — credentials for {@code url}</li>
 *   <li>{@code schema} — the schema of bms's tables (created if missing)</li>
 *   <li>{@code poolSize} — connections in the pool, 1-1000, default
 *       {@value JdbcStorage#DEFAULT_POOL_SIZE}</li>
 * </ul>
 *
 * <p>Every missing, malformed or unknown key is reported at once in one
 * {@link dev.bms.api.InvalidConfigException}. Nothing connects before {@link Storage#start()}.
 */
public final class JdbcStorageProvider implements StorageProvider {
  /** Where the embedded database lives when no {@code url} is configured. */
  public static final Path DEFAULT_EMBEDDED_DIRECTORY = Path.of("bms-data");

  /** Used by {@link java.util.ServiceLoader}. */
  public JdbcStorageProvider() {
  }

  @Override
  public String type() {
    return "jdbc";
  }

  @Override
  public Storage create(PluginConfig config) {
    Optional<String> url = config.optionalString("url");
    Optional<String> user = config.optionalString("user");
    Optional<String> password = config.optionalString("password");
    Optional<String> schema = config.optionalString("schema");
    int poolSize = config.intValue("poolSize", JdbcStorage.DEFAULT_POOL_SIZE, 1, 1000);
    java.time.Duration connectionTimeout = config.duration("connectionTimeout", JdbcStorage.DEFAULT_CONNECTION_TIMEOUT);
    if (connectionTimeout.compareTo(java.time.Duration.ofMillis(250)) < 0
        || connectionTimeout.compareTo(java.time.Duration.ofMinutes(5)) > 0) {
      config.problem("connectionTimeout", "'" + connectionTimeout + "' must be between 250 ms and 5 minutes");
    }
    url.filter(u -> Vendor.fromUrl(u) == null).ifPresent(u ->
        config.problem("url", "'" + u + "' is neither a jdbc:postgresql: nor a jdbc:h2: URL"));
    if (url.isEmpty()) {
      user.ifPresent(u -> config.problem("user", "is only used with url (the embedded database needs none)"));
      password.ifPresent(p -> config.problem("password", "is only used with url (the embedded database needs none)"));
    }
    schema.flatMap(JdbcStorage::schemaProblem).ifPresent(p -> config.problem("schema", p));
    config.validate();

    JdbcStorage.Builder builder = JdbcStorage.builder().poolSize(poolSize).connectionTimeout(connectionTimeout);
    if (url.isPresent()) {
      builder.url(url.get());
      if (user.isPresent() || password.isPresent()) {
        builder.credentials(user.orElse(""), password.orElse(""));
      }
    } else {
      builder.embedded(DEFAULT_EMBEDDED_DIRECTORY);
    }
    schema.ifPresent(builder::schema);
    return builder.build();
  }
}
