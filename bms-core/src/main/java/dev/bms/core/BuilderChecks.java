package dev.bms.core;

import dev.bms.api.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Argument checks of {@link BmsBuilder}'s setters: each failure names the setting. */
final class BuilderChecks {
  private BuilderChecks() {
  }

  static String requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(what, "must not be blank");
    }
    return value;
  }

  static Duration requirePositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw invalid(what, d + " must be positive");
    }
    return d;
  }

  static Duration requireNonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw invalid(what, d + " must not be negative");
    }
    return d;
  }

  static InvalidConfigException invalid(String what, String message) {
    return new InvalidConfigException("bms", List.of(what + ": " + message));
  }
}
