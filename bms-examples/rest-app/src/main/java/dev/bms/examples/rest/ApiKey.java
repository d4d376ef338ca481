package dev.bms.examples.rest;

import java.util.Objects;

/**
 * One API client: a name (shown in logs and used as its rate-limit key), the secret it presents as
 * {@code X-API-Key} or {@code Authorization: Bearer}, and its role.
 *
 * @param name client name, 1-64 letters, digits, '-', '_' or '.'
 * @param secret at least 16 characters
 * @param role what the client may do
 */
public record ApiKey(String name, String secret, Role role) {
  public ApiKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(role, "role");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("api key name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (secret.length() < 16 || secret.chars().anyMatch(c -> c <= ' ' || c > '~' || c == ',')) {
      throw new IllegalArgumentException("api key '" + name + "': secret must be at least 16 printable ASCII characters without spaces or commas");
    }
  }

  /** Parses {@code name:role:secret}. */
  public static ApiKey parse(String text) {
    String[] parts = text.trim().split(":", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("api key '" + redact(text) + "' must be name:role:secret");
    }
    return new ApiKey(parts[0], parts[2], Role.parse(parts[1]));
  }

  @Override
  public String toString() {
    return "ApiKey[" + name + ", " + role.label() + "]";
  }

  private static String redact(String text) {
    int cut = text.lastIndexOf(':');
    return cut < 0 ? "***" : text.substring(0, cut + 1) + "***";
  }
}
