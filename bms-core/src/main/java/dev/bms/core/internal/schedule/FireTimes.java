package dev.bms.core.internal.schedule;

import com.cronutils.model.time.ExecutionTime;
import dev.bms.api.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Next fire times of schedules.
 *
 * <p><b>Cron</b> expressions are matched against the local wall-clock time of their zone, each
 * local time firing at most once, as Vixie cron does:
 * <ul>
 *   <li>a time that does not exist (the hour skipped when clocks go forward) fires at the first
 *       instant after the gap ({@code 0 2 * * *} in Europe/Berlin fires at 03:00 CEST on the last
 *       Sunday of March) rather than being skipped for the day;</li>
 *   <li>a time that exists twice (the hour repeated when clocks go back) fires once, at its first
 *       occurrence.</li>
 * </ul>
 * cron-utils alone skips the non-existent time (a daily backup would not run that day), so it is
 * asked for the next match on a zone-less time line and the result is placed in the zone here.
 *
 * <p><b>Intervals</b> are aligned to multiples of the period since the epoch, so every instance
 * computes the same fire times for a job whenever it looks.
 */
public final class FireTimes {
  private static final Map<String, ExecutionTime> CRONS = new ConcurrentHashMap<>();

  private FireTimes() {
  }

  /** The first fire time strictly after {@code after}; empty for manual schedules. */
  public static Optional<Instant> next(Schedule schedule, Instant after) {
    if (schedule instanceof Schedule.Cron cron) {
      return nextCron(cron, after);
    }
    if (schedule instanceof Schedule.Interval interval) {
      return Optional.of(nextInterval(interval.every(), after));
    }
    return Optional.empty();
  }

  private static Instant nextInterval(Duration every, Instant after) {
    long period = every.toMillis();
    long t = after.toEpochMilli();
    long next = Math.floorDiv(t, period) * period + period;
    return Instant.ofEpochMilli(next);
  }

  private static Optional<Instant> nextCron(Schedule.Cron cron, Instant after) {
    ExecutionTime times = CRONS.computeIfAbsent(cron.expression(),
        e -> ExecutionTime.forCron(ScheduleValidator.unixParser().parse(e)));
    ZoneId zone = cron.zone();
    // the local wall time of `after`, on a line without DST (UTC used as a plain calendar)
    LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
    for (int guard = 0; guard < 1000; guard++) {
      Optional<ZonedDateTime> match = times.nextExecution(wall.atZone(ZoneOffset.UTC));
      if (match.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime local = match.get().toLocalDateTime();
      // in a gap, atZone moves the time forward by the gap's length; in an overlap it takes the earlier offset
      ZonedDateTime placed = local.atZone(zone);
      if (placed.toInstant().isAfter(after)) {
        return Optional.of(placed.toInstant());
      }
      // `after` lies in the second occurrence of a repeated hour: this local time already fired
      wall = local;
    }
    throw new IllegalStateException("no fire time found for '" + cron.expression() + "' after " + after);
  }

  /** What identifies a schedule's fire times and misfire handling; a change recomputes the next fire. */
  public static String fingerprint(Schedule schedule, dev.bms.api.model.MisfirePolicy policy) {
    return schedule + "|" + policy;
  }
}
