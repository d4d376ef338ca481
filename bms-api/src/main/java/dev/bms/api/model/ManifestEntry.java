package dev.bms.api.model;

import java.util.Objects;

/**
 * One file of a backed-up copy.
 *
 * @param path relative path with {@code /} separators, never absolute, never containing {@code ..}
 * @param size size in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 */
public record ManifestEntry(String path, long size, String sha256) {
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size + " for " + path);
    }
  }
}
