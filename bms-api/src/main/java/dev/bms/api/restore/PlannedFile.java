package dev.bms.api.restore;

import java.util.Objects;
import java.util.Optional;

/**
 * One file of a dry run.
 *
 * @param path the manifest path
 * @param size its size
 * @param sha256 its recorded hash
 * @param copyName the copy it would be read from first
 * @param landsAs the destination path it would take (differs under {@link ConflictPolicy#KEEP_BOTH})
 * @param action what would happen
 * @param reason why, when the file would not simply be written
 * @since 0.1.0
 */
public record PlannedFile(String path, long size, String sha256, String copyName, String landsAs, Action action,
                          Optional<String> reason) {
  public PlannedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(landsAs, "landsAs");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** What the restore would do with a file. */
  public enum Action {
    /** Write it; nothing is there yet. */
    WRITE,
    /** Replace the existing file. */
    OVERWRITE,
    /** Write it beside the existing file under another name. */
    KEEP_BOTH,
    /** Leave the existing file; skip this one. */
    SKIP,
    /** Fail this file: something exists and the policy is FAIL. */
    CONFLICT,
    /** Refuse it: the path would leave the destination or pass through a symbolic link. */
    REFUSE
  }
}
