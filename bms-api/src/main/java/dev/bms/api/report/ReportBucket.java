package dev.bms.api.report;

import java.time.Duration;

/**
 * The period of one row of a success-rate report.
 *
 * @since 0.1.0
 */
public enum ReportBucket {
  /** 24 hours. */
  DAY(Duration.ofDays(1), "Day"),
  /** 7 days. */
  WEEK(Duration.ofDays(7), "Week");

  private final Duration length;
  private final String label;

  ReportBucket(Duration length, String label) {
    this.length = length;
    this.label = label;
  }

  /** How long one bucket is. */
  public Duration length() {
    return length;
  }

  /** "Day" or "Week", for row labels like "Week 1". */
  public String label() {
    return label;
  }
}
