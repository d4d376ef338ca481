package dev.bms.api.restore;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that went wrong with one file of a restore.
 *
 * @param path the manifest path
 * @param copyName the copy it concerns, if one
 * @param kind what went wrong
 * @param detail a human-readable explanation
 * @param recovered true when another copy supplied a good version afterwards (the file was restored)
 * @since 0.1.0
 */
public record RestoreProblem(String path, Optional<String> copyName, Kind kind, String detail, boolean recovered) {
  public RestoreProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** Kinds of problems. */
  public enum Kind {
    /** The copy does not hold the file. */
    MISSING,
    /** The copy could not be read. */
    UNREADABLE,
    /** The copy's content has a different size than the manifest records. */
    SIZE_MISMATCH,
    /** The copy's content hashes differently from the manifest. */
    CHECKSUM_MISMATCH,
    /** No copy held a good version: the file was not restored. */
    NO_GOOD_COPY,
    /** A file exists at the destination and the policy is {@link ConflictPolicy#FAIL}. */
    CONFLICT,
    /** The manifest path would land outside the destination. */
    PATH_ESCAPE,
    /** A symbolic link in the destination would have been followed. */
    SYMLINK,
    /** Writing to the destination failed. */
    WRITE_FAILED
  }
}
