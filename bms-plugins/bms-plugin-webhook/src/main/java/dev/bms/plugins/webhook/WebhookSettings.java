package dev.bms.plugins.webhook;

import dev.bms.spi.PluginConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one webhook notifier.
 *
 * @param url where to POST
 * @param format the JSON shape
 * @param headers extra request headers (e.g. {@code Authorization}), in configured order
 * @param timeout connect timeout and time allowed for the response to each attempt
 * @param maxAttempts attempts per notification, at least 1
 * @param delays the waits between attempts
 */
record WebhookSettings(URI url, PayloadFormat format, Map<String, String> headers, Duration timeout,
                       int maxAttempts, RetryDelays delays) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final int MAX_ATTEMPTS_LIMIT = 20;
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  /** Headers the notifier sets itself, or the JDK's HttpClient refuses to take from callers. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("idempotency-key", "connection", "content-length", "expect", "host", "upgrade");
  /** RFC 9110 token characters, the only ones allowed in a header name. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(timeout, "timeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(delays, "delays");
  }

  /** Reads and validates every key, throwing one InvalidConfigException listing all problems. */
  static WebhookSettings from(PluginConfig config) {
    String rawUrl = config.requireString("url");
    URI url = rawUrl.isEmpty() ? null : parseUrl(config, rawUrl);
    PayloadFormat format = config.enumValue("format", PayloadFormat.class, PayloadFormat.GENERIC);
    Map<String, String> headers = config.optionalString("headers")
        .map(raw -> parseHeaders(config, raw)).orElse(Map.of());
    Duration timeout = positive(config, "timeout", config.duration("timeout", DEFAULT_TIMEOUT), DEFAULT_TIMEOUT);
    int maxAttempts = config.intValue("maxAttempts", DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS_LIMIT);
    Duration initialBackoff = config.duration("initialBackoff", DEFAULT_INITIAL_BACKOFF);
    if (initialBackoff.isNegative()) {
      config.problem("initialBackoff", "'" + config.asMap().get("initialBackoff") + "' must not be negative");
      initialBackoff = DEFAULT_INITIAL_BACKOFF;
    }
    Duration maxBackoff = config.duration("maxBackoff", DEFAULT_MAX_BACKOFF);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      config.problem("maxBackoff", "'" + config.asMap().getOrDefault("maxBackoff", maxBackoff.toString())
          + "' must not be shorter than initialBackoff (" + initialBackoff + ")");
      maxBackoff = initialBackoff;
    }
    config.validate();
    return new WebhookSettings(url, format, headers, timeout, maxAttempts, new RetryDelays(initialBackoff, maxBackoff));
  }

  private static Duration positive(PluginConfig config, String key, Duration value, Duration fallback) {
    if (value.isNegative() || value.isZero()) {
      config.problem(key, "'" + config.asMap().get(key) + "' must be positive");
      return fallback;
    }
    return value;
  }

  private static URI parseUrl(PluginConfig config, String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        config.problem("url", "'" + redact(raw) + "' must be an http or https URL");
        return null;
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        config.problem("url", "'" + redact(raw) + "' has no host");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      config.problem("url", "'" + redact(raw) + "' is not a valid URL: " + e.getReason());
      return null;
    }
  }

  /** Parses {@code Name: value; Name2: value2}. */
  private static Map<String, String> parseHeaders(PluginConfig config, String raw) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String entry : raw.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        config.problem("headers", "'" + entry.trim() + "' is not 'Name: value'");
        continue;
      }
      String name = entry.substring(0, colon).trim();
      String value = entry.substring(colon + 1).trim();
      if (!HEADER_NAME.matcher(name).matches()) {
        config.problem("headers", "'" + name + "' is not a valid header name");
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        config.problem("headers", "'" + name + "' cannot be configured (bms or the HTTP client sets it)");
      } else if (value.isEmpty()) {
        config.problem("headers", "'" + name + "' has an empty value");
      } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        config.problem("headers", "'" + name + "' has control characters in its value");
      } else if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
        config.problem("headers", "'" + name + "' is given twice");
      } else {
        headers.put(name, value);
      }
    }
    return headers;
  }

  /**
   * The URL without path or query, for messages and logs: Slack and Teams webhook URLs carry
   * their secret in the path or query.
   */
  static String redact(String raw) {
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "<unparseable URL>";
      }
      boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null;
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
          + (more ? "/…" : "");
    } catch (URISyntaxException e) {
      return "<unparseable URL>";
    }
  }

  /** The URL as it may appear in logs and exception messages. */
  String redactedUrl() {
    return redact(url.toString());
  }

  Optional<String> header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst();
  }

  @Override
  public String toString() {
    // Header values are usually credentials; the URL path often is one too.
    return "WebhookSettings[url=" + redactedUrl() + ", format=" + format + ", headers=" + headers.keySet()
        + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", delays=" + delays + "]";
  }
}
