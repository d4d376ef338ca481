package dev.bms.examples.rest;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the REST app runs. Read from environment variables ({@code BMS_PORT}...) and command-line
 * arguments ({@code --port=8080}...), arguments winning; see {@code docs/rest-app.md} for the list.
 *
 * @param host interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param dataDir where the embedded H2 database and the sample directories live
 * @param postgresUrl PostgreSQL JDBC URL; empty for the embedded H2 default
 * @param postgresUser PostgreSQL user
 * @param postgresPassword PostgreSQL password
 * @param postgresSchema schema of bms's tables in PostgreSQL; empty for the connection's default
 * @param redisAddress Redis address ({@code redis://127.0.0.1:6379}); empty for local caches only
 * @param redisKeyPrefix prefix of every Redis key bms writes
 * @param apiKeys the clients; generated (and printed once) when none are configured
 * @param keysGenerated true when {@code apiKeys} were generated at start-up
 * @param rateLimit per-client token bucket
 * @param seedDays days of sample history to create when the store has no jobs; 0 for none
 * @param sampleJobs extra generated jobs seeded with {@code seedDays} of reported history (to try the
 *     app at the size of a real estate); 0 for none
 * @param rawEndpoints serve {@code /raw/...}: the dashboard's data read with plain JDBC beside bms,
 *     a baseline for load tests (embedded H2 and PostgreSQL)
 * @param refreshSeconds how often the dashboard reloads its data
 * @param allowedRoots the only local directories jobs may read from or write to and restores may
 *     write into; the data directory when not configured
 * @param fourEyes turn on bms's four-eyes approval ({@code FourEyesPolicy.defaults()}): destructive
 *     calls of people and API keys are held until another admin approves them ({@code /approvals})
 */
public record AppConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> postgresUrl,
    String postgresUser,
    String postgresPassword,
    Optional<String> postgresSchema,
    Optional<String> redisAddress,
    String redisKeyPrefix,
    List<ApiKey> apiKeys,
    boolean keysGenerated,
    RateLimit rateLimit,
    int seedDays,
    int sampleJobs,
    boolean rawEndpoints,
    int refreshSeconds,
    List<Path> allowedRoots,
    boolean fourEyes) {

  /** Without four-eyes approval. */
  public AppConfig(String host, int port, Path dataDir, Optional<String> postgresUrl, String postgresUser,
                   String postgresPassword, Optional<String> postgresSchema, Optional<String> redisAddress,
                   String redisKeyPrefix, List<ApiKey> apiKeys, boolean keysGenerated, RateLimit rateLimit,
                   int seedDays, int sampleJobs, boolean rawEndpoints, int refreshSeconds, List<Path> allowedRoots) {
    this(host, port, dataDir, postgresUrl, postgresUser, postgresPassword, postgresSchema, redisAddress,
        redisKeyPrefix, apiKeys, keysGenerated, rateLimit, seedDays, sampleJobs, rawEndpoints, refreshSeconds,
        allowedRoots, false);
  }

  public AppConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(postgresUrl, "postgresUrl");
    Objects.requireNonNull(postgresUser, "postgresUser");
    Objects.requireNonNull(postgresPassword, "postgresPassword");
    Objects.requireNonNull(postgresSchema, "postgresSchema");
    Objects.requireNonNull(redisAddress, "redisAddress");
    Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
    apiKeys = List.copyOf(apiKeys);
    Objects.requireNonNull(rateLimit, "rateLimit");
    allowedRoots = List.copyOf(allowedRoots);
    if (allowedRoots.isEmpty()) {
      throw new IllegalArgumentException("allowedRoots: at least one root is needed");
    }
    for (Path root : allowedRoots) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("allowedRoots: '" + root + "' must be an absolute path");
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535: " + port);
    }
    if (apiKeys.isEmpty()) {
      throw new IllegalArgumentException("apiKeys: at least one client is needed");
    }
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (ApiKey k : apiKeys) {
      if (!names.add(k.name())) {
        throw new IllegalArgumentException("apiKeys: name '" + k.name() + "' is used twice");
      }
      if (!secrets.add(k.secret())) {
        throw new IllegalArgumentException("apiKeys: '" + k.name() + "' reuses another client's secret");
      }
    }
    if (seedDays < 0 || seedDays > 366) {
      throw new IllegalArgumentException("seedDays must be 0-366: " + seedDays);
    }
    if (sampleJobs < 0 || sampleJobs > 1_000_000) {
      throw new IllegalArgumentException("sampleJobs must be 0-1000000: " + sampleJobs);
    }
    if (sampleJobs > 0 && seedDays == 0) {
      throw new IllegalArgumentException("sampleJobs: the fleet is seeded with the sample data; set seedDays to 1-366");
    }
    if (refreshSeconds < 1 || refreshSeconds > 3600) {
      throw new IllegalArgumentException("refreshSeconds must be 1-3600: " + refreshSeconds);
    }
  }

  /**
   * Reads the configuration: each setting from {@code --name=value} if given, else from the
   * environment variable {@code BMS_NAME} (upper case, '-' as '_'), else its default.
   *
   * @throws IllegalArgumentException naming the bad setting
   */
  public static AppConfig from(Map<String, String> env, String... args) {
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("BMS_")) {
        values.put(e.getKey().substring(4).toLowerCase(Locale.ROOT).replace('_', '-'), e.getValue());
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("argument '" + arg + "' must look like --name=value");
      }
      values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Settings s = new Settings(values);
    String keysText = s.text("api-keys", "");
    List<ApiKey> keys = new ArrayList<>();
    for (String part : keysText.split(",")) {
      if (!part.isBlank()) {
        keys.add(ApiKey.parse(part));
      }
    }
    boolean generated = keys.isEmpty();
    if (generated) {
      keys = List.of(new ApiKey("viewer", randomSecret(), Role.VIEWER),
          new ApiKey("operator", randomSecret(), Role.OPERATOR),
          new ApiKey("admin", randomSecret(), Role.ADMIN),
          new ApiKey("auditor", randomSecret(), Role.AUDITOR));
    }
    Path dataDir = Path.of(s.text("data-dir", "bms-rest-data")).toAbsolutePath();
    List<Path> roots = new ArrayList<>();
    for (String part : s.text("allowed-roots", "").split(",")) {
      if (!part.isBlank()) {
        roots.add(Path.of(part.trim()));
      }
    }
    AppConfig config = new AppConfig(
        s.text("host", "127.0.0.1"),
        s.integer("port", 8080),
        dataDir,
        s.optional("pg-url"),
        s.text("pg-user", "postgres"),
        s.text("pg-password", ""),
        s.optional("pg-schema"),
        s.optional("redis"),
        s.text("redis-prefix", "bms-rest"),
        keys,
        generated,
        s.rateLimit("rate-limit", new RateLimit(100, 50)),
        s.integer("seed-days", 14),
        s.integer("sample-jobs", 0),
        s.bool("raw-endpoints", false),
        s.integer("refresh-seconds", 15),
        roots.isEmpty() ? List.of(dataDir) : roots,
        s.bool("four-eyes", false));
    s.rejectUnknown();
    return config;
  }

  /** A random URL-safe secret of 32 characters. */
  static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Settings read so far, so that a misspelt one is reported rather than ignored. */
  private static final class Settings {
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    Settings(Map<String, String> values) {
      this.values = values;
    }

    String text(String name, String fallback) {
      read.add(name);
      return values.getOrDefault(name, fallback);
    }

    Optional<String> optional(String name) {
      read.add(name);
      return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    int integer(String name, int fallback) {
      String v = text(name, Integer.toString(fallback));
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": '" + v + "' is not a whole number");
      }
    }

    boolean bool(String name, boolean fallback) {
      String v = text(name, Boolean.toString(fallback)).trim();
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException(name + ": '" + v + "' is neither true nor false");
      }
      return Boolean.parseBoolean(v);
    }

    RateLimit rateLimit(String name, RateLimit fallback) {
      read.add(name);
      String v = values.get(name);
      return v == null ? fallback : RateLimit.parse(v);
    }

    void rejectUnknown() {
      // Environment variables other than ours also start with BMS_ only by accident; arguments must be known.
      List<String> unknown = values.keySet().stream().filter(k -> !read.contains(k)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown settings " + unknown + "; known: " + read.stream().sorted().toList());
      }
    }
  }
}
