package dev.bms.api.model;

/**
 * Outcome of writing one copy.
 *
 * @since 0.1.0
 */
public enum CopyStatus {
  /** Every file was written and the manifest committed. */
  SUCCEEDED,
  /** The copy could not be written; nothing of it is a usable restore point. */
  FAILED
}
