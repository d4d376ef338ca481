package dev.bms.testkit.storage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 (time-ordered) UUIDs, strictly increasing within this JVM, as bms core generates
 * them: storage listings ordered by id return them in creation order.
 */
public final class TimeOrderedIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long counter;

  private TimeOrderedIds() {
  }

  /** The next id: 48 bits of milliseconds, version 7, a 12-bit counter, variant 2, random bits. */
  public static synchronized UUID next() {
    long millis = System.currentTimeMillis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = 0;
    } else if (++counter > 0xFFF) {
      lastMillis++;
      counter = 0;
    }
    long msb = (lastMillis << 16) | 0x7000L | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
