package dev.bms.spi.storage;

import dev.bms.api.model.AlertGroup;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up alert counts per (rule, severity) and state into {@link AlertGroup}s, for stores
 * implementing {@link AlertStore#groups}. Not thread-safe: one per call.
 *
 * @since 0.2.0
 */
public final class AlertGroupCounter {
  private record Key(String rule, Severity severity) {
  }

  private final Map<Key, long[]> counts = new LinkedHashMap<>();

  /** Counts {@code n} alerts of {@code rule} and {@code severity} in {@code state}. */
  public AlertGroupCounter add(String rule, Severity severity, AlertState state, long n) {
    counts.computeIfAbsent(new Key(rule, severity), k -> new long[AlertState.values().length])[state.ordinal()] += n;
    return this;
  }

  /** The groups counted so far, in the order first seen. */
  public List<AlertGroup> groups() {
    List<AlertGroup> out = new ArrayList<>(counts.size());
    counts.forEach((k, c) -> out.add(new AlertGroup(k.rule(), k.severity(), c[AlertState.FIRING.ordinal()],
        c[AlertState.ACKNOWLEDGED.ordinal()], c[AlertState.RESOLVED.ordinal()])));
    return out;
  }
}
