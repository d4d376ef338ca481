package dev.bms.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How one manager turns secret references ({@code secret:<scheme>:<name>}) into {@link Secret}s,
 * and whether it accepts a literal value in a key a plugin reads as a secret. bms builds one from
 * its builder ({@code secretResolver}, {@code allowLiteralSecrets}) and the plugins'
 * {@link BmsPlugin#secretResolvers()}, and hands it to every {@link PluginConfig} it creates.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Secrets {
  /** What every reference starts with. */
  public static final String PREFIX = "secret:";

  private static final Pattern SCHEME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Secrets DEFAULTS = new Secrets(builtIns(System::getenv), false);

  private final Map<String, SecretResolver> resolvers;
  private final boolean allowLiterals;

  private Secrets(Map<String, SecretResolver> resolvers, boolean allowLiterals) {
    this.resolvers = Map.copyOf(resolvers);
    this.allowLiterals = allowLiterals;
  }

  /** The built-in {@code env} and {@code file} resolvers; literal secrets refused. */
  public static Secrets defaults() {
    return DEFAULTS;
  }

  /**
   * The built-in resolvers, replaced or extended by {@code resolvers} (one per scheme).
   *
   * @param allowLiterals whether a key read as a secret may hold the value itself instead of a
   *     reference (meant for tests and throw-away setups: the value is then stored with the job)
   * @throws IllegalArgumentException when two resolvers share a scheme or a scheme is malformed
   */
  public static Secrets of(Collection<? extends SecretResolver> resolvers, boolean allowLiterals) {
    Map<String, SecretResolver> all = new LinkedHashMap<>(builtIns(System::getenv));
    Map<String, SecretResolver> given = new LinkedHashMap<>();
    for (SecretResolver r : resolvers) {
      String scheme = Objects.requireNonNull(r.scheme(), "scheme");
      if (!SCHEME.matcher(scheme).matches()) {
        throw new IllegalArgumentException("secret resolver scheme '" + scheme
            + "' must be lowercase letters, digits and '-' (at most 32)");
      }
      if (given.putIfAbsent(scheme, r) != null) {
        throw new IllegalArgumentException("two secret resolvers for scheme '" + scheme + "'");
      }
    }
    all.putAll(given);
    return new Secrets(all, allowLiterals);
  }

  /** A resolver of {@code env} references reading {@code environment} instead of the process's. */
  public static SecretResolver environment(Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    return new SecretResolver() {
      @Override
      public String scheme() {
        return "env";
      }

      @Override
      public Optional<Secret> resolve(String name) {
        String v = environment.apply(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Secret.of(v));
      }
    };
  }

  /** Whether literal secrets are accepted. */
  public boolean allowsLiterals() {
    return allowLiterals;
  }

  /** Whether {@code value} is a secret reference (starts with {@code secret:}). */
  public static boolean isReference(String value) {
    return value.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Resolves a reference.
   *
   * @return the secret, or a message for the user saying why not (never containing a secret)
   */
  public Resolution resolve(String reference) {
    if (!isReference(reference)) {
      return Resolution.failed("is not a secret reference (secret:<scheme>:<name>)");
    }
    String rest = reference.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      return Resolution.failed("reference '" + shorten(reference) + "' must be secret:<scheme>:<name>, e.g. secret:env:NAME");
    }
    String scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String name = rest.substring(colon + 1);
    SecretResolver resolver = resolvers.get(scheme);
    if (resolver == null) {
      return Resolution.failed("reference '" + shorten(reference) + "' names scheme '" + shorten(scheme)
          + "', which no resolver provides (known: " + String.join(", ", resolvers.keySet().stream().sorted().toList()) + ")");
    }
    try {
      Optional<Secret> secret = resolver.resolve(name);
      return secret.map(Resolution::of).orElseGet(() -> Resolution.failed("reference '" + shorten(reference)
          + "' resolves to nothing (" + scheme + " has no secret '" + shorten(name) + "')"));
    } catch (RuntimeException e) {
      // the resolver's message is its own; the class name is all we add
      return Resolution.failed("reference '" + shorten(reference) + "' could not be resolved: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shorten(e.getMessage())));
    }
  }

  /**
   * The outcome of resolving one reference.
   *
   * @param secret the secret, when resolved
   * @param problem why not, when not
   */
  public record Resolution(Optional<Secret> secret, Optional<String> problem) {
    public Resolution {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(problem, "problem");
      if (secret.isPresent() == problem.isPresent()) {
        throw new IllegalArgumentException("exactly one of secret and problem");
      }
    }

    static Resolution of(Secret secret) {
      return new Resolution(Optional.of(secret), Optional.empty());
    }

    static Resolution failed(String problem) {
      return new Resolution(Optional.empty(), Optional.of(problem));
    }
  }

  private static Map<String, SecretResolver> builtIns(Function<String, String> env) {
    Map<String, SecretResolver> m = new LinkedHashMap<>();
    m.put("env", environment(env));
    m.put("file", new FileSecretResolver());
    return m;
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  /** {@code secret:file:/path}: the file's content, one trailing line break dropped. */
  private static final class FileSecretResolver implements SecretResolver {
    @Override
    public String scheme() {
      return "file";
    }

    @Override
    public Optional<Secret> resolve(String name) {
      Path path;
      try {
        path = Path.of(name);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("'" + shorten(name) + "' is not a path");
      }
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException("'" + shorten(name) + "' must be an absolute path");
      }
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      String content;
      try {
        content = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        // the exception's message names the file, never its content
        throw new IllegalStateException("file " + shorten(name) + " is not readable (" + e.getClass().getSimpleName() + ")");
      }
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      } else if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      return content.isEmpty() ? Optional.empty() : Optional.of(Secret.of(content));
    }
  }
}
