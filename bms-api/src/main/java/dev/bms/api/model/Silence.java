package dev.bms.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes notifications of the alerts whose labels match every matcher, between two instants.
 * Silenced alerts are still raised, counted and stored; only their notifications are held back.
 *
 * @param id identity
 * @param matchers label key to required value; an alert matches when it has every one (empty: all alerts)
 * @param startsAt when the silence begins
 * @param endsAt when it ends (exclusive)
 * @param createdBy who created it
 * @param comment why
 * @param createdAt when it was created
 * @since 0.1.0
 */
public record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment, Instant createdAt) {
  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = Map.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("endsAt " + endsAt + " must be after startsAt " + startsAt);
    }
  }

  /** Whether the silence is in force at {@code at}. */
  public boolean activeAt(Instant at) {
    return !at.isBefore(startsAt) && at.isBefore(endsAt);
  }

  /** Whether an alert with these labels is muted by this silence (ignoring time). */
  public boolean matches(Map<String, String> labels) {
    return matchers.entrySet().stream().allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
  }
}
