package dev.bms.spi.notify;

import dev.bms.api.BmsException;

/**
 * A notifier could not deliver. {@link #retryable()} tells bms whether trying later may succeed
 * (a 503 or a timeout) or not (a 400, bad credentials).
 *
 * @since 0.1.0
 */
public class DeliveryException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public DeliveryException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public DeliveryException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Whether a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
