package dev.bms.api.model;

import java.util.UUID;

/**
 * Identity of a backup job. bms generates time-ordered (version 7) UUIDs, so ids sort by creation.
 *
 * @param value the UUID
 * @since 0.1.0
 */
public record JobId(UUID value) implements Comparable<JobId> {
  public JobId {
    Inputs.requireArgument("value", value);
  }

  /** Parses the canonical UUID text form. */
  public static JobId parse(String text) {
    return new JobId(UUID.fromString(text));
  }

  @Override
  public int compareTo(JobId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
