package dev.bms.core.internal.anomaly;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Numbers and times as the explanations of findings say them. */
final class Humanized {
  private Humanized() {
  }

  static String bytes(double b) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (b >= 999.95 && u < units.length - 1) {
      b /= 1000;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
  }

  /** A range of byte counts with the unit once when both share it: "2.1–2.6 GB". */
  static String bytesRange(double lo, double hi) {
    String a = bytes(lo);
    String b = bytes(hi);
    String unitA = a.substring(a.indexOf(' '));
    String unitB = b.substring(b.indexOf(' '));
    return unitA.equals(unitB) ? a.substring(0, a.indexOf(' ')) + "–" + b : a + "–" + b;
  }

  static String count(double n) {
    return String.format(Locale.ROOT, "%,d", Math.round(n));
  }

  static String duration(double millis) {
    Duration d = Duration.ofMillis(Math.round(millis));
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  /** "9 days", "1 day", "5 hours" (under two days). */
  static String days(double days) {
    if (days < 2) {
      long hours = Math.max(1, Math.round(days * 24));
      return hours + (hours == 1 ? " hour" : " hours");
    }
    return Math.round(days) + " days";
  }

  /** "3.1 %" with the given decimals. */
  static String percent(double share, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f %%", share * 100);
  }

  /** "2026-12-07 02:00 UTC". */
  static String instant(java.time.Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .format(at.atZone(java.time.ZoneOffset.UTC));
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  /** "14:00–15:00": the hour of the day a run started in. */
  static String hourSlot(ZonedDateTime start) {
    int h = start.getHour();
    return String.format(Locale.ROOT, "%02d:00–%02d:00", h, (h + 1) % 24);
  }

  /** "Monday nights", "Friday afternoons". */
  static String slot(ZonedDateTime start) {
    DayOfWeek day = start.getDayOfWeek();
    int h = start.getHour();
    String part = h >= 22 || h < 6 ? "nights" : h < 12 ? "mornings" : h < 18 ? "afternoons" : "evenings";
    return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + part;
  }
}
