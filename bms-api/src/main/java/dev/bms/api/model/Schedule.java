package dev.bms.api.model;

import java.time.Duration;
import java.time.ZoneId;

/**
 * When a job runs: a cron expression in a time zone, a fixed interval, or only when asked
 * ({@code runNow} or a reported backup).
 *
 * @since 0.1.0
 */
public sealed interface Schedule permits Schedule.Cron, Schedule.Interval, Schedule.Manual {

  /**
   * A Unix cron expression (5 fields: minute hour day-of-month month day-of-week) evaluated in
   * {@code zone}, so {@code "0 2 * * *"} in Europe/Berlin stays at 02:00 local time across DST.
   */
  static Schedule cron(String expression, ZoneId zone) {
    return new Cron(expression, zone);
  }

  /** Every {@code every}, measured from the previous scheduled time. */
  static Schedule interval(Duration every) {
    return new Interval(every);
  }

  /** No automatic runs. */
  static Schedule manual() {
    return Manual.INSTANCE;
  }

  /**
   * Cron schedule.
   *
   * @param expression 5-field Unix cron expression
   * @param zone time zone the expression is evaluated in
   */
  record Cron(String expression, ZoneId zone) implements Schedule {
    public Cron {
      Inputs.requireArgument("expression", expression);
      Inputs.requireArgument("zone", zone);
    }
  }

  /**
   * Fixed-interval schedule.
   *
   * @param every the period, at least one second
   */
  record Interval(Duration every) implements Schedule {
    public Interval {
      Inputs.requireArgument("every", every);
    }
  }

  /** Manual-only schedule. */
  record Manual() implements Schedule {
    static final Manual INSTANCE = new Manual();
  }
}
