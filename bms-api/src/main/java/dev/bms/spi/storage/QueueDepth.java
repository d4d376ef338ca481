package dev.bms.spi.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The execution queue at one instant, for gauges: what waits, what runs, and since when the oldest
 * due execution has waited to be claimed.
 *
 * @param pending PENDING executions, due or not
 * @param running RUNNING executions (managed and reported)
 * @param oldestDue the due time of the oldest PENDING execution due at the instant asked about;
 *     empty when none is due
 * @since 0.1.0
 */
public record QueueDepth(long pending, long running, Optional<Instant> oldestDue) {
  public QueueDepth {
    Objects.requireNonNull(oldestDue, "oldestDue");
    if (pending < 0 || running < 0) {
      throw new IllegalArgumentException("counts must not be negative: pending " + pending + ", running " + running);
    }
  }
}
