package dev.bms.api.restore;

/**
 * Where a restore execution is in its life.
 *
 * @since 0.1.0
 */
public enum RestoreStatus {
  /** Copying files. */
  RUNNING,
  /** Every selected file was restored (or skipped by the conflict policy). */
  SUCCEEDED,
  /** At least one file could not be restored; the record names each. */
  FAILED,
  /** Stopped by {@code cancel}; files restored before that stay, nothing half-written remains. */
  CANCELLED,
  /** Stopped because the request's timeout passed. */
  TIMED_OUT;

  /** True once the restore has ended. */
  public boolean terminal() {
    return this != RUNNING;
  }
}
