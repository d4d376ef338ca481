package dev.bms.core.internal.anomaly;

/** What a baseline keeps windows of. Size, files and duration on a log scale (changes are multiplicative). */
enum Metric {
  BYTES("bytes", true),
  FILES("files", true),
  DURATION("duration", true),
  /** Share of the previous restore point's files changed or removed (managed runs). */
  CHANGED("changed", false),
  /** Share of files whose names gained an unknown extension (managed runs). */
  GAINED_EXTENSIONS("extensions", false),
  /** Share of sampled content that is new or changed and looks encrypted (managed runs). */
  ENCRYPTED("encrypted", false),
  /**
   * When the run started, in days since the epoch (float precision: about 3 minutes), beside the
   * recent size, file and duration values of the same runs: the x axis of the duration trend.
   */
  DAY("day", false);

  final String key;
  /** True when kept per weekday as well as overall. */
  final boolean seasonal;

  Metric(String key, boolean seasonal) {
    this.key = key;
    this.seasonal = seasonal;
  }
}
