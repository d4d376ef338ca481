package dev.bms.api.restore;

/**
 * What a restore does when a file already exists where a restored file would land.
 *
 * @since 0.1.0
 */
public enum ConflictPolicy {
  /** The file is not restored and counts as a problem: the restore fails (the default). */
  FAIL,
  /** The existing file is kept; the restored one is skipped (not a problem). */
  SKIP,
  /** The existing file is replaced, atomically, once the restored content matched its hash. */
  OVERWRITE,
  /** The existing file is kept and the restored one lands beside it as {@code name.restored-N.ext}. */
  KEEP_BOTH
}
