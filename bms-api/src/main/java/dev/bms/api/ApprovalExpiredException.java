package dev.bms.api;

/**
 * The approval request expired before it was decided: it can no longer be approved or rejected, and
 * its call never runs. The request is stored as {@code EXPIRED}; the caller may make the call again,
 * which holds a new request.
 *
 * @since 0.2.0
 */
public class ApprovalExpiredException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** @param message which request and when it expired */
  public ApprovalExpiredException(String message) {
    super(message);
  }
}
