package dev.bms.core.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then a
 * per-millisecond counter, then random bits. Ids sort by creation time, so keyset pages by id are
 * in creation order and B-tree inserts stay at the right edge.
 */
public final class Ids {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** Last (millis << 12 | counter) handed out, so ids from one JVM are strictly increasing. */
  private final AtomicLong last = new AtomicLong();

  public Ids(Clock clock) {
    this.clock = clock;
  }

  /** A new id, greater than every id this instance returned before. */
  public UUID next() {
    long now = clock.millis() << 12;
    long stamp = last.updateAndGet(prev -> Math.max(prev + 1, now));
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | counter;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
