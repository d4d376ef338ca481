package dev.bms.api;

/**
 * Root of every exception bms throws. Unchecked: callers catch the subtype they can act on.
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
