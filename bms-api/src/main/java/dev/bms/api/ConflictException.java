package dev.bms.api;

/**
 * The request is valid but clashes with the current state: a duplicate job name, a stale
 * version, an execution that already finished.
 *
 * @since 0.1.0
 */
public class ConflictException extends BmsException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
