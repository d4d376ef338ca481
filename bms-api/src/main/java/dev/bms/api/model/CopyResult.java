package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one copy of one execution.
 *
 * @param copyName the {@link CopySpec#name()} within the job
 * @param targetType the target plugin type that wrote it
 * @param status succeeded or failed
 * @param bytes bytes written
 * @param files files written
 * @param duration time spent writing this copy, not negative, kept to the millisecond
 * @param manifestDigest SHA-256 of the copy's manifest (see {@link Manifest#digest()}): 64 hex digits,
 *     kept in lower case
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

  /** Characters of a manifest digest: SHA-256 in hex. */
  public static final int DIGEST_HEX_LENGTH = 64;

  /**
   * @throws InvalidRequestException naming the field when one is null, a count or the duration is
   *     negative, or the digest is not {@value #DIGEST_HEX_LENGTH} hex digits
   */
  public CopyResult {
    Inputs.requireArgument("copyName", copyName);
    Inputs.requireArgument("targetType", targetType);
    Inputs.requireArgument("status", status);
    Inputs.requireArgument("duration", duration);
    Inputs.requireArgument("manifestDigest", manifestDigest);
    Inputs.requireArgument("location", location);
    Inputs.requireArgument("immutableUntil", immutableUntil);
    Inputs.requireArgument("error", error);
    if (bytes < 0) {
      throw invalid(copyName, "bytes: " + bytes + " must not be negative");
    }
    if (files < 0) {
      throw invalid(copyName, "files: " + files + " must not be negative");
    }
    if (duration.isNegative()) {
      throw invalid(copyName, "duration: " + duration + " must not be negative");
    }
    duration = duration.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (manifestDigest.isPresent() && !isDigest(manifestDigest.get())) {
      throw invalid(copyName, "manifestDigest: '" + Inputs.excerpt(manifestDigest.get()) + "' must be a SHA-256 digest, "
          + DIGEST_HEX_LENGTH + " hex digits");
    }
    manifestDigest = manifestDigest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isDigest(String digest) {
    if (digest.length() != DIGEST_HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < digest.length(); i++) {
      char c = digest.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static InvalidRequestException invalid(String copyName, String problem) {
    return new InvalidRequestException("copy '" + Inputs.excerpt(copyName) + "': " + problem);
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
