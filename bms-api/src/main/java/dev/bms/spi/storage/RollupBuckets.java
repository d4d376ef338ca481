package dev.bms.spi.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sums slot rollups into consecutive buckets given by their boundaries, for stores implementing
 * {@link ReportStore#rollupTotals(List)}. Not thread-safe: one per call.
 *
 * @since 0.2.0
 */
public final class RollupBuckets {
  private final List<Instant> boundaries;
  private final long[] slots;
  private final long[][] sums;

  /**
   * @param boundaries at least two, ascending: bucket {@code i} is {@code [boundaries[i], boundaries[i + 1])}
   * @throws IllegalArgumentException when fewer than two or not ascending
   */
  public RollupBuckets(List<Instant> boundaries) {
    if (boundaries.size() < 2) {
      throw new IllegalArgumentException("boundaries: at least two are needed, got " + boundaries.size());
    }
    this.boundaries = List.copyOf(boundaries);
    this.slots = new long[this.boundaries.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = Rollup.slotOf(this.boundaries.get(i));
      if (i > 0 && slots[i] < slots[i - 1]) {
        throw new IllegalArgumentException("boundaries: " + this.boundaries.get(i) + " is before "
            + this.boundaries.get(i - 1));
      }
    }
    this.sums = new long[slots.length - 1][7];
  }

  /** The first slot of each bucket, and the end of the last: what a query groups the slots by. */
  public long[] slotBoundaries() {
    return slots.clone();
  }

  /** Adds a slot's rollup to the bucket holding its slot; a slot outside every bucket is ignored. */
  public void add(Rollup r) {
    int i = Arrays.binarySearch(slots, Rollup.slotOf(r.start()));
    int bucket = i >= 0 ? i : -i - 2;
    if (bucket >= 0 && bucket < sums.length) {
      add(bucket, r);
    }
  }

  /** Adds an already summed rollup to bucket {@code bucket}; its {@code start} is not read. */
  public void add(int bucket, Rollup r) {
    long[] s = sums[bucket];
    s[0] += r.succeeded();
    s[1] += r.partial();
    s[2] += r.failed();
    s[3] += r.cancelled();
    s[4] += r.durationMillis();
    s[5] = Math.max(s[5], r.maxDurationMillis());
    s[6] += r.bytes();
  }

  /** One rollup per bucket, starting at its boundary. */
  public List<Rollup> sums() {
    List<Rollup> out = new ArrayList<>(sums.length);
    for (int i = 0; i < sums.length; i++) {
      long[] s = sums[i];
      out.add(new Rollup(boundaries.get(i), s[0], s[1], s[2], s[3], s[4], s[5], s[6]));
    }
    return out;
  }
}
