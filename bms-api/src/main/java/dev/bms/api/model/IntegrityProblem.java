package dev.bms.api.model;

import java.util.Objects;

/**
 * One file of a copy that does not match its manifest.
 *
 * @param path the file's manifest path
 * @param kind what is wrong
 * @param detail expected and actual values, human-readable
 * @since 0.1.0
 */
public record IntegrityProblem(String path, Kind kind, String detail) {
  public IntegrityProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** Kinds of mismatch. */
  public enum Kind {
    /** In the manifest, not in the copy. */
    MISSING,
    /** Size differs from the manifest. */
    SIZE_MISMATCH,
    /** Content hash differs from the manifest. */
    CHECKSUM_MISMATCH,
    /** In the copy, not in the manifest. */
    UNEXPECTED,
    /** Could not be read. */
    UNREADABLE
  }
}
