package dev.bms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One file of a source.
 *
 * @param path relative path with {@code /} separators; bms rejects absolute paths and {@code ..}
 * @param size expected size in bytes (bms records what it actually read)
 * @param lastModified modification time, for the manifest and incremental plugins
 */
public record SourceEntry(String path, long size, Instant lastModified) {
  public SourceEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
