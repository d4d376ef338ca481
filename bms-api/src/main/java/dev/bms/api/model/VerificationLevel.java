package dev.bms.api.model;

/**
 * How thoroughly a restore point is checked.
 *
 * @since 0.1.0
 */
public enum VerificationLevel {
  /** Re-read every file of each copy, re-hash it and compare with the manifest bms recorded. */
  CHECKSUM,
  /**
   * Restore each copy into a scratch directory through its target, compare every restored file
   * with the manifest, then delete the scratch directory. Proves the copy can be restored.
   */
  RESTORE_TEST
}
