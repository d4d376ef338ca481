package dev.bms.api;

import java.time.Instant;

/**
 * A copy cannot be deleted or changed because it is immutable until {@link #lockedUntil()}.
 *
 * @since 0.1.0
 */
public class CopyLockedException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final Instant lockedUntil;

  public CopyLockedException(String location, Instant lockedUntil) {
    super("Copy at '" + location + "' is immutable until " + lockedUntil + "; refusing to delete it");
    this.lockedUntil = lockedUntil;
  }

  /** When the retention lock ends. */
  public Instant lockedUntil() {
    return lockedUntil;
  }
}
