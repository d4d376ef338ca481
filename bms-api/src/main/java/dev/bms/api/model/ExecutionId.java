package dev.bms.api.model;

import java.util.UUID;

/**
 * Identity of one execution (one run or one reported backup) of a job. bms generates time-ordered (version 7) UUIDs, so ids sort by creation.
 *
 * @param value the UUID
 * @since 0.1.0
 */
public record ExecutionId(UUID value) implements Comparable<ExecutionId> {
  public ExecutionId {
    Inputs.requireArgument("value", value);
  }

  /** Parses the canonical UUID text form. */
  public static ExecutionId parse(String text) {
    return new ExecutionId(UUID.fromString(text));
  }

  @Override
  public int compareTo(ExecutionId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
