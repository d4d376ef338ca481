package dev.bms.api;

/**
 * Root of every exception bms throws. Unchecked: callers catch the subtype they can act on.
 *
 * @since 0.1.0
 */
public class BmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BmsException(String message) {
    super(message);
  }

  public BmsException(String message, Throwable cause) {
    super(message, cause);
  }
}
