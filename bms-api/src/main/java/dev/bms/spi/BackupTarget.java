package dev.bms.spi;

import dev.bms.api.PathEscapeException;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where copies are written. A target implements writing ({@link #openWrite}), reading back one
 * file ({@link #openRead}), deletion and, if it supports it, retention locks; verification and
 * restore come for free from {@link #openRead} and may be overridden (for server-side checksums,
 * say). Implementations must be thread-safe: one target serves concurrent executions.
 *
 * <p>Prove an implementation with {@code dev.bms.testkit.target.BackupTargetContract} from the
 * {@code bms-testkit} artifact.
 *
 * @since 0.1.0
 */
public interface BackupTarget extends AutoCloseable {

  /** What this target is, for compliance. */
  TargetCapabilities capabilities();

  /** Starts writing one copy. */
  WriteSession openWrite(WriteRequest request) throws IOException;

  /**
   * Opens one file of a committed copy.
   *
   * @throws NoSuchFileException when the copy has no such file
   * @throws dev.bms.api.ForeignLocationException when {@code location} is not one of this
   *     target's copies (every method taking a location refuses such locations the same way)
   * @throws PathEscapeException when {@code path} would leave the copy; the message names it
   */
  InputStream openRead(String location, String path) throws IOException;

  /**
   * Lists the files actually present in a copy (manifest paths), sorted by {@link String#compareTo}
   * (bms sorts again, so an unsorted list is not an error, only a waste). Verification compares it
   * with the manifest and reports every extra file as {@code UNEXPECTED}. Empty for a copy that
   * does not exist. The default reports none, which leaves extra files undetected.
   */
  default List<String> list(String location) throws IOException {
    return List.of();
  }

  /**
   * Deletes a copy.
   *
   * @throws dev.bms.api.CopyLockedException while the copy's retention lock holds
   */
  void delete(String location) throws IOException;

  /**
   * Reads back the retention lock of a written copy from the medium itself (not from
   * configuration), so compliance can trust it. An expired lock that the medium still records is
   * returned as it is, with its instant in the past (compliance reports it as expired); empty when
   * the medium records no lock for the copy (or the target cannot prove one). Whether the medium
   * enforces the lock even against an administrator is {@link TargetCapabilities#lockEnforcement()}.
   */
  default Optional<Instant> lockedUntil(String location) throws IOException {
    return Optional.empty();
  }

  /**
   * How long this target, as configured, locks each copy it writes (from the moment of writing);
   * {@link Duration#ZERO} when it applies no lock or cannot say. Read from configuration, not from
   * the medium: four-eyes approval compares it before and after a job update to find a change that
   * shortens or removes immutability. The default is zero.
   *
   * @since 0.2.0
   */
  default Duration lockPeriod() {
    return Duration.ZERO;
  }

  /**
   * How much room the medium has now, read from the medium (never from configuration): an optional
   * capability, for forecasts of when the target will be full; bms never calls it on the data path.
   * Empty when the target cannot tell, which is the
   * default: object stores without quotas (S3) have no capacity to report. Answer quickly (one
   * round trip at most); a thrown exception is logged and counts as no answer.
   *
   * @since 0.3.0
   */
  default Optional<TargetCapacity> capacity() throws IOException {
    return Optional.empty();
  }

  /**
   * Re-reads every file of the manifest, re-hashes it and names every mismatch. The default reads
   * through {@link #openRead} and {@link #list}.
   */
  default IntegrityReport verify(String location, Manifest manifest) throws IOException {
    return verify(location, manifest.entries());
  }

  /** Verifies only the given entries (a sample of the manifest); see {@link #verify(String, Manifest)}. */
  default IntegrityReport verify(String location, List<ManifestEntry> entries) throws IOException {
    List<IntegrityProblem> problems = new ArrayList<>();
    long files = 0;
    long bytes = 0;
    byte[] buffer = new byte[64 * 1024];
    for (ManifestEntry e : entries) {
      MessageDigest md = sha256();
      long size = 0;
      try (InputStream in = openRead(location, e.path())) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          md.update(buffer, 0, n);
          size += n;
        }
      } catch (NoSuchFileException missing) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.MISSING, "not found in copy"));
        continue;
      } catch (IOException unreadable) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.UNREADABLE, String.valueOf(unreadable.getMessage())));
        continue;
      }
      files++;
      bytes += size;
      String actual = HexFormat.of().formatHex(md.digest());
      if (size != e.size()) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.SIZE_MISMATCH,
            "expected " + e.size() + " bytes, found " + size));
      } else if (!actual.equals(e.sha256())) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.CHECKSUM_MISMATCH,
            "expected sha256 " + e.sha256() + ", found " + actual));
      }
    }
    return new IntegrityReport(files, bytes, problems);
  }

  /**
   * Restores every file of the manifest into {@code destination} (created if missing), refusing
   * any path that would escape it. The default copies through {@link #openRead}.
   *
   * @throws PathEscapeException when a manifest path would land outside {@code destination}
   */
  default void restore(String location, Manifest manifest, Path destination) throws IOException {
    Path root = destination.toAbsolutePath().normalize();
    Files.createDirectories(root);
    for (ManifestEntry e : manifest.entries()) {
      Path file = root.resolve(e.path()).normalize();
      if (!file.startsWith(root) || file.equals(root)) {
        throw new PathEscapeException(e.path(), root.toString());
      }
      Files.createDirectories(file.getParent());
      try (InputStream in = openRead(location, e.path()); OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
    }
  }

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
