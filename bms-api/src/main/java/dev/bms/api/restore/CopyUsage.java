package dev.bms.api.restore;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one copy supplied to a restore, and how fast: the evidence behind restore-time estimates.
 *
 * @param copyName the copy
 * @param targetType its target plugin type
 * @param files files restored from it
 * @param bytes bytes restored from it
 * @param readTime time spent reading, hashing and writing those files
 * @since 0.1.0
 */
public record CopyUsage(String copyName, String targetType, long files, long bytes, Duration readTime) {
  public CopyUsage {
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(readTime, "readTime");
    if (files < 0 || bytes < 0) {
      throw new IllegalArgumentException("files and bytes must not be negative: " + files + ", " + bytes);
    }
  }

  /** Measured throughput in bytes per second; zero when nothing measurable was read. */
  public double bytesPerSecond() {
    long nanos = readTime.toNanos();
    return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
  }
}
