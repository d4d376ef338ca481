package dev.bms.spi;

/**
 * How much room a target's medium has, as the medium itself reports it (a file store's
 * {@code statvfs}, an SFTP server's {@code statvfs@openssh.com} or {@code space-available}
 * answer), returned by {@link BackupTarget#capacity()}. bms samples it periodically and forecasts
 * when the target will be full from how fast its free space shrinks.
 *
 * @param totalBytes the size of the medium (or of the quota that applies to bms's user), more than 0
 * @param freeBytes what bms can still write there (for a file store, the bytes available to
 *     unprivileged users, not counting blocks reserved for root), from 0 to {@code totalBytes}
 * @since 0.3.0
 */
public record TargetCapacity(long totalBytes, long freeBytes) {
  public TargetCapacity {
    if (totalBytes <= 0) {
      throw new IllegalArgumentException("totalBytes must be positive: " + totalBytes);
    }
    if (freeBytes < 0 || freeBytes > totalBytes) {
      throw new IllegalArgumentException("freeBytes must be within 0.." + totalBytes + ": " + freeBytes);
    }
  }

  /** The bytes in use (or reserved): {@code totalBytes - freeBytes}. */
  public long usedBytes() {
    return totalBytes - freeBytes;
  }

  /** The free share, from 0 to 1. */
  public double freeShare() {
    return (double) freeBytes / totalBytes;
  }
}
