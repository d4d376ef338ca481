package dev.bms.cache.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks shared by {@link RedisCacheProvider.Builder} (which throws at the first bad option)
 * and {@link RedisCacheProviderFactory} (which collects every problem). Each returns the problem
 * text, without the key name, or empty when the value is fine.
 */
final class SettingRules {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Pattern CACHE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private SettingRules() {}

  static Optional<String> address(String address) {
    String rest = address == null ? null
        : address.startsWith("redis://") ? address.substring("redis://".length())
        : address.startsWith("rediss://") ? address.substring("rediss://".length())
        : null;
    return rest == null || rest.isBlank() || rest.contains(" ")
        ? Optional.of("'" + address + "' must look like redis://host:port or rediss://host:port")
        : Optional.empty();
  }

  static Optional<String> database(int database) {
    return database < 0 ? Optional.of("'" + database + "' must be 0 or more") : Optional.empty();
  }

  static Optional<String> keyPrefix(String prefix) {
    return prefix == null || !PREFIX.matcher(prefix).matches()
        ? Optional.of("'" + prefix + "' must be 1 to 100 of letters, digits, '.', '_', ':', '-'")
        : Optional.empty();
  }

  static Optional<String> positiveSize(long size) {
    return size < 1 ? Optional.of("'" + size + "' must be 1 or more") : Optional.empty();
  }

  static Optional<String> positiveDuration(Duration duration) {
    return duration == null || duration.isZero() || duration.isNegative()
        ? Optional.of("'" + duration + "' must be a positive duration")
        : Optional.empty();
  }

  static Optional<String> cacheName(String name) {
    return name == null || !CACHE_NAME.matcher(name).matches()
        ? Optional.of("'" + name + "' must be 1 to 100 of letters, digits, '.', '_', '-'")
        : Optional.empty();
  }
}
