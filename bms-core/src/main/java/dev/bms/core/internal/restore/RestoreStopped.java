package dev.bms.core.internal.restore;

import dev.bms.api.restore.RestoreStatus;

/** Thrown inside a restore when it was cancelled or its timeout passed. */
final class RestoreStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final RestoreStatus status;

  RestoreStopped(RestoreStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  RestoreStatus status() {
    return status;
  }
}
