package dev.bms.api.model;

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
  private static final RetentionPolicy FOREVER = new RetentionPolicy(0, 0, 0, 0, 0, Duration.ZERO);

  public RetentionPolicy {
    Objects.requireNonNull(keepWithin, "keepWithin");
    if (keepLast < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0 || keepWithin.isNegative()) {
      throw new IllegalArgumentException("retention counts and keepWithin must not be negative: "
          + keepLast + "/" + daily + "/" + weekly + "/" + monthly + "/" + yearly + "/" + keepWithin);
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
