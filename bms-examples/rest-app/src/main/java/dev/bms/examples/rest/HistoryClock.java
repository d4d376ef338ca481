package dev.bms.examples.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock handed to bms. It is the system clock, except while {@link SampleData} writes the
 * seeded history: then it is set to each moment of the past being replayed, moving only forward,
 * so the runs and reports it records carry those times (bms takes every timestamp from its
 * injected clock). Once seeding is done the offset is zero for good.
 */
final class HistoryClock extends Clock {
  private final Clock system = Clock.systemUTC();
  private final AtomicLong offsetMillis = new AtomicLong();

  /** Makes {@link #instant()} return {@code moment} (then advance with real time). */
  void travelTo(Instant moment) {
    offsetMillis.set(moment.toEpochMilli() - system.millis());
  }

  /** Back to the system clock. */
  void backToNow() {
    offsetMillis.set(0);
  }

  @Override
  public Instant instant() {
    return system.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public long millis() {
    return system.millis() + offsetMillis.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the history clock is always UTC");
  }
}
