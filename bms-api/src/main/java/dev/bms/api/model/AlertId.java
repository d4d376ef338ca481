package dev.bms.api.model;

import java.util.UUID;

/**
 * Identity of an alert. Time-ordered (version 7) UUIDs, like job and execution ids.
 *
 * @param value the UUID
 * @since 0.1.0
 */
public record AlertId(UUID value) implements Comparable<AlertId> {
  public AlertId {
    Inputs.requireArgument("value", value);
  }

  /** Parses the canonical UUID text form. */
  public static AlertId parse(String text) {
    return new AlertId(UUID.fromString(text));
  }

  @Override
  public int compareTo(AlertId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
