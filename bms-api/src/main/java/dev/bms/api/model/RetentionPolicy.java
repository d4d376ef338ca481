package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long restore points are kept. A restore point is kept if any rule keeps it: the last
 * {@code keepLast}, the newest per day for {@code daily} days, per ISO week for {@code weekly}
 * weeks, per month for {@code monthly} months, per year for {@code yearly} years (GFS), or any
 * younger than {@code keepWithin}. {@link #forever()} keeps everything.
 *
 * @param keepLast keep the newest N restore points
 * @param daily GFS: days with one kept point each
 * @param weekly GFS: weeks with one kept point each
 * @param monthly GFS: months with one kept point each
 * @param yearly GFS: years with one kept point each
 * @param keepWithin keep every point younger than this; {@link Duration#ZERO} for none
 * @since 0.1.0
 */
public record RetentionPolicy(int keepLast, int daily, int weekly, int monthly, int yearly, Duration keepWithin) {
  /** The longest {@code keepWithin}: 100 years (36,600 days). */
  public static final Duration MAX_KEEP_WITHIN = Duration.ofDays(36_600);
  /** The largest count of any rule ({@code keepLast}, {@code daily}, ...). */
  public static final int MAX_COUNT = 100_000;
  // after the bounds: the constructor reads them
  private static final RetentionPolicy FOREVER = new RetentionPolicy(0, 0, 0, 0, 0, Duration.ZERO);

  /**
   * Validates the policy.
   *
   * @throws InvalidRequestException naming the field and its value when a count is negative or
   *     above {@value #MAX_COUNT}, or {@code keepWithin} is negative or longer than
   *     {@link #MAX_KEEP_WITHIN} (100 years)
   */
  public RetentionPolicy {
    Objects.requireNonNull(keepWithin, "keepWithin");
    requireCount("retention.keepLast", keepLast);
    requireCount("retention.daily", daily);
    requireCount("retention.weekly", weekly);
    requireCount("retention.monthly", monthly);
    requireCount("retention.yearly", yearly);
    if (keepWithin.isNegative() || keepWithin.compareTo(MAX_KEEP_WITHIN) > 0) {
      throw new InvalidRequestException("retention.keepWithin: " + keepWithin + " must be between zero and "
          + MAX_KEEP_WITHIN + " (100 years)");
    }
  }

  private static void requireCount(String field, int n) {
    if (n < 0 || n > MAX_COUNT) {
      throw new InvalidRequestException(field + ": " + n + " must be between 0 and " + MAX_COUNT);
    }
  }

  /** Keeps every restore point. */
  public static RetentionPolicy forever() {
    return FOREVER;
  }

  /** Grandfather-father-son: daily, weekly and monthly points. */
  public static RetentionPolicy gfs(int daily, int weekly, int monthly) {
    return new RetentionPolicy(0, daily, weekly, monthly, 0, Duration.ZERO);
  }

  /** Grandfather-father-son with yearly points. */
  public static RetentionPolicy gfs(int daily, int weekly, int monthly, int yearly) {
    return new RetentionPolicy(0, daily, weekly, monthly, yearly, Duration.ZERO);
  }

  /** Keeps the newest {@code n} restore points. */
  public static RetentionPolicy keepLast(int n) {
    return new RetentionPolicy(n, 0, 0, 0, 0, Duration.ZERO);
  }

  /** Keeps every restore point younger than {@code age}. */
  public static RetentionPolicy keepWithin(Duration age) {
    return new RetentionPolicy(0, 0, 0, 0, 0, age);
  }

  /** True if this policy never expires anything. */
  public boolean keepsForever() {
    return equals(FOREVER);
  }
}
