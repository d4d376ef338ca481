package dev.bms.api;

/**
 * An actor tried to approve their own request: four-eyes approval needs a different actor. The
 * request stays pending.
 *
 * @since 0.2.0
 */
public class SelfApprovalException extends BmsException {
  private static final long serialVersionUID = 1L;

  /** @param message which request and which actor */
  public SelfApprovalException(String message) {
    super(message);
  }
}
