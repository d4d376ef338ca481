package dev.bms.api;

/**
 * A worker tried to write (heartbeat, progress, completion) for an execution it no longer owns:
 * its lease expired and another instance took the execution over, so the version it holds (its
 * fencing token) is stale. The write was refused; the worker must stop without publishing.
 *
 * @since 0.1.0
 */
public class LeaseLostException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(message);
  }
}
