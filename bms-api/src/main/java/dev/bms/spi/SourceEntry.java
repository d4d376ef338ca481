package dev.bms.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a source.
 *
 * @param path relative path with {@code /} separators; bms rejects absolute paths and {@code ..}
 * @param size expected size in bytes (bms records what it actually read)
 * @param lastModified modification time, for the manifest (restores set it back) and incremental plugins
 * @param permissions POSIX permissions in {@code rwxr-x---} form, when the source can read them;
 *     recorded in the manifest and set back by restores into a directory
 * @since 0.1.0
 */
public record SourceEntry(String path, long size, Instant lastModified, Optional<String> permissions) {
  public SourceEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(permissions, "permissions");
  }

  /** An entry whose permissions the source does not capture. */
  public SourceEntry(String path, long size, Instant lastModified) {
    this(path, size, lastModified, Optional.empty());
  }
}
