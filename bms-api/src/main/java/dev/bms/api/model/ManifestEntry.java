package dev.bms.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of a backed-up copy. Size and hash identify its content ({@link Manifest#digest()} uses
 * only path, size and hash); the modification time and POSIX permissions are what the source
 * captured, restored where present.
 *
 * @param path relative path with {@code /} separators, never absolute, never containing {@code ..}
 * @param size size in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 * @param modifiedAt the file's modification time at the source, if captured
 * @param permissions POSIX permissions at the source in {@code rwxr-x---} form, if captured
 * @since 0.1.0
 */
public record ManifestEntry(String path, long size, String sha256, Optional<Instant> modifiedAt,
                            Optional<String> permissions) {
  private static final Pattern POSIX = Pattern.compile("[r-][w-][x-][r-][w-][x-][r-][w-][x-]");

  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(modifiedAt, "modifiedAt");
    Objects.requireNonNull(permissions, "permissions");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size + " for " + path);
    }
    if (permissions.isPresent() && !POSIX.matcher(permissions.get()).matches()) {
      throw new IllegalArgumentException("permissions must look like rwxr-x---: '" + permissions.get() + "' for " + path);
    }
  }

  /** An entry without captured modification time or permissions. */
  public ManifestEntry(String path, long size, String sha256) {
    this(path, size, sha256, Optional.empty(), Optional.empty());
  }
}
