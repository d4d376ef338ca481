package dev.bms.spi;

import dev.bms.api.InvalidConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plugin's configuration keys, read through typed getters that collect problems instead of
 * throwing at the first one. A factory reads every key it understands, then calls
 * {@link #validate()}: that throws one {@link InvalidConfigException} naming every missing, malformed
 * and unknown key (a key nobody read is unknown, which catches typos like {@code "rooot"}).
 *
 * <pre>{@code
 * public BackupTarget create(PluginConfig config) {
 *   Path root = config.requirePath("root");
 *   int lockDays = config.intValue("immutableDays", 0);
 *   config.validate();                       // throws listing every problem
 *   return new MyTarget(root, lockDays);
 * }
 * }</pre>
 *
 * <p>Credentials are read with {@link #requireSecret} / {@link #optionalSecret}: the key holds a
 * reference ({@code secret:env:NAME}, {@code secret:file:/path}, {@code secret:<scheme>:<name>}),
 * resolved through the manager's {@link Secrets}, and a literal value is refused unless the
 * application allowed literals. No message this class produces contains a secret.
 *
 * <p>Not thread-safe; one instance per {@code create} call.
 *
 * @since 0.1.0
 */
public final class PluginConfig {
  private final String component;
  private final Map<String, String> values;
  private final Secrets secrets;
  private final Set<String> read = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * @param component what is configured, for messages, e.g. {@code "target 'filesystem'"}
   * @param values the keys and values
   */
  public PluginConfig(String component, Map<String, String> values) {
    this(component, values, Secrets.defaults());
  }

  /**
   * @param component what is configured, for messages, e.g. {@code "target 'filesystem'"}
   * @param values the keys and values
   * @param secrets how secret references are resolved and whether literal secrets are accepted
   */
  public PluginConfig(String component, Map<String, String> values, Secrets secrets) {
    this.component = Objects.requireNonNull(component, "component");
    this.values = new TreeMap<>(values);
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** What is configured, as given to the constructor. */
  public String component() {
    return component;
  }

  /** The raw keys and values, sorted by key. */
  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  /** A required non-blank string; records a problem (and returns "") when missing. */
  public String requireString(String key) {
    return optionalString(key).orElseGet(() -> {
      problem(key, "is required");
      return "";
    });
  }

  /** An optional string; blank values count as absent. */
  public Optional<String> optionalString(String key) {
    read.add(key);
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** A string with a default. */
  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  /**
   * A required secret; records a problem (and returns empty) when missing, unresolvable or literal
   * while literals are refused. The value is used as given: not trimmed.
   */
  public Optional<Secret> requireSecret(String key) {
    read.add(key);
    if (!values.containsKey(key) || values.get(key).isEmpty()) {
      problem(key, "is required (a secret reference such as secret:env:NAME)");
      return Optional.empty();
    }
    return optionalSecret(key);
  }

  /** An optional secret; see {@link #requireSecret}. Empty when absent or empty. */
  public Optional<Secret> optionalSecret(String key) {
    read.add(key);
    String raw = values.get(key);
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    if (!Secrets.isReference(raw.trim())) {
      if (secrets.allowsLiterals()) {
        return Optional.of(Secret.of(raw));
      }
      problem(key, "holds a literal secret, which is refused: refer to it instead (secret:env:NAME, "
          + "secret:file:/path or secret:<resolver>:<name>), or allow literal secrets on the builder");
      return Optional.empty();
    }
    Secrets.Resolution resolution = secrets.resolve(raw.trim());
    resolution.problem().ifPresent(p -> problem(key, p));
    return resolution.secret();
  }

  /** A required path. */
  public Path requirePath(String key) {
    String raw = requireString(key);
    return raw.isEmpty() ? Path.of("") : toPath(key, raw);
  }

  /** An optional path. */
  public Optional<Path> optionalPath(String key) {
    return optionalString(key).map(raw -> toPath(key, raw));
  }

  /** An int with a default; records a problem when malformed or outside [min, max]. */
  public int intValue(String key, int defaultValue, int min, int max) {
    Optional<String> raw = optionalString(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v < min || v > max) {
        problem(key, "'" + raw.get() + "' must be between " + min + " and " + max);
        return defaultValue;
      }
      return v;
    } catch (NumberFormatException e) {
      problem(key, "'" + raw.get() + "' is not an integer");
      return defaultValue;
    }
  }

  /** A non-negative int with a default. */
  public int intValue(String key, int defaultValue) {
    return intValue(key, defaultValue, 0, Integer.MAX_VALUE);
  }

  /** A boolean ({@code true}/{@code false}) with a default. */
  public boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = optionalString(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    problem(key, "'" + raw.get() + "' is not true or false");
    return defaultValue;
  }

  /** A duration in ISO-8601 ({@code PT30S}) or short form ({@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}). */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = optionalString(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    Optional<Duration> parsed = parseDuration(raw.get());
    if (parsed.isEmpty()) {
      problem(key, "'" + raw.get() + "' is not a duration (use 30s, 5m, 2h, 7d or ISO-8601 like PT30S)");
      return defaultValue;
    }
    return parsed.get();
  }

  /** An enum constant, case-insensitive, with a default. */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    Optional<String> raw = optionalString(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw.get().replace('-', '_'))) {
        return constant;
      }
    }
    problem(key, "'" + raw.get() + "' is not one of " + List.of(type.getEnumConstants()));
    return defaultValue;
  }

  /** Records a problem with a key; {@link #validate()} will report it. */
  public void problem(String key, String message) {
    problems.add(key + ": " + message);
  }

  /** Problems found so far, including unknown keys. */
  public List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        all.add(key + ": unknown key for " + component);
      }
    }
    return all;
  }

  /**
   * Throws when any key was missing, malformed or unknown.
   *
   * @throws InvalidConfigException listing every problem
   */
  public void validate() {
    List<String> all = problems();
    if (!all.isEmpty()) {
      throw new InvalidConfigException(component, all);
    }
  }

  private Path toPath(String key, String raw) {
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      problem(key, "'" + raw + "' is not a valid path: " + e.getReason());
      return Path.of("");
    }
  }

  /** Parses {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code 250ms} or ISO-8601. */
  public static Optional<Duration> parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Optional.of(Duration.parse(text.trim().toUpperCase(Locale.ROOT)));
      }
      if (t.endsWith("ms")) {
        return Optional.of(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Optional.of(Duration.ofSeconds(n));
        case 'm' -> Optional.of(Duration.ofMinutes(n));
        case 'h' -> Optional.of(Duration.ofHours(n));
        case 'd' -> Optional.of(Duration.ofDays(n));
        default -> Optional.empty();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
