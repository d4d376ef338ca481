package dev.bms.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one copy of one execution.
 *
 * @param copyName the {@link CopySpec#name()} within the job
 * @param targetType the target plugin type that wrote it
 * @param status succeeded or failed
 * @param bytes bytes written
 * @param files files written
 * @param duration time spent writing this copy, kept to the millisecond
 * @param manifestDigest SHA-256 (hex) of the copy's manifest (see {@link Manifest#digest()})
 * @param location where the target put it (target-specific, opaque to bms)
 * @param immutableUntil the retention lock the target applied, if any
 * @param error why the copy failed
 * @since 0.1.0
 */
public record CopyResult(
    String copyName,
    String targetType,
    CopyStatus status,
    long bytes,
    long files,
    Duration duration,
    Optional<String> manifestDigest,
    Optional<String> location,
    Optional<Instant> immutableUntil,
    Optional<String> error) {

  public CopyResult {
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(status, "status");
    duration = Objects.requireNonNull(duration, "duration").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(immutableUntil, "immutableUntil");
    Objects.requireNonNull(error, "error");
    if (bytes < 0 || files < 0) {
      throw new IllegalArgumentException("bytes and files must not be negative: " + bytes + ", " + files);
    }
  }

  /**
   * A successful copy, as an external tool reports it. The target type is filled in from the job.
   */
  public static CopyResult succeeded(String copyName, long bytes, long files, Duration duration, String manifestDigest) {
    return new CopyResult(copyName, "", CopyStatus.SUCCEEDED, bytes, files, duration,
        Optional.of(manifestDigest), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A failed copy, as an external tool reports it. */
  public static CopyResult failed(String copyName, String error) {
    return new CopyResult(copyName, "", CopyStatus.FAILED, 0, 0, Duration.ZERO,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(error));
  }

  /** This result with the given target type. */
  public CopyResult withTargetType(String type) {
    return new CopyResult(copyName, type, status, bytes, files, duration, manifestDigest, location, immutableUntil, error);
  }

  /** True if this copy is a usable restore point. */
  public boolean succeeded() {
    return status == CopyStatus.SUCCEEDED;
  }
}
