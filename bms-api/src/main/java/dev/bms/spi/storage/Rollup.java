package dev.bms.spi.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Terminal executions that finished in one 15-minute slot (of one job, or of every job), summed.
 * Slots are aligned to the epoch, so every time zone's calendar day (all offsets are whole
 * quarter hours) is a whole number of slots.
 *
 * @param start the slot's start; the slot is {@code [start, start + 15 min)}
 * @param succeeded SUCCEEDED executions
 * @param partial PARTIAL ones
 * @param failed FAILED, TIMED_OUT, ABANDONED and INTERRUPTED ones
 * @param cancelled CANCELLED ones
 * @param durationMillis the sum of their durations (start to finish; 0 for never started)
 * @param maxDurationMillis the longest of them
 * @param bytes the bytes they stored
 * @since 0.1.0
 */
public record Rollup(Instant start, long succeeded, long partial, long failed, long cancelled, long durationMillis,
                     long maxDurationMillis, long bytes) {
  /** The length of a slot. */
  public static final Duration SLOT = Duration.ofMinutes(15);

  public Rollup {
    Objects.requireNonNull(start, "start");
  }

  /** The slot number of an instant: whole slots since the epoch. */
  public static long slotOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), SLOT.getSeconds());
  }

  /** The start of a slot. */
  public static Instant startOf(long slot) {
    return Instant.ofEpochSecond(slot * SLOT.getSeconds());
  }

  /** Every counted execution. */
  public long executions() {
    return succeeded + partial + failed + cancelled;
  }
}
