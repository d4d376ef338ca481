package dev.bms.api.restore;

import dev.bms.api.model.Inputs;
import java.util.UUID;

/**
 * Identity of one restore execution (time-ordered UUID, like execution ids).
 *
 * @param value the UUID
 * @since 0.1.0
 */
public record RestoreId(UUID value) implements Comparable<RestoreId> {
  public RestoreId {
    Inputs.requireArgument("value", value);
  }

  /** Parses the canonical UUID text form. */
  public static RestoreId parse(String text) {
    return new RestoreId(UUID.fromString(text));
  }

  @Override
  public int compareTo(RestoreId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
