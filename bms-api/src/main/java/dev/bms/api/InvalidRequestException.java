package dev.bms.api;

/**
 * An argument to a service call was not acceptable (a negative page size, an unknown copy name in
 * a reported result, a malformed cursor...). The message names the argument and its value.
 *
 * @since 0.1.0
 */
public class InvalidRequestException extends BmsException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
