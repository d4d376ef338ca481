package dev.bms.api;

import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.GuardedAction;
import java.time.Instant;
import java.util.Objects;

/**
 * The call is a destructive change guarded by four-eyes approval: it did not run. It is held as a
 * pending request ({@link #requestId()}) until another actor approves it (then it runs once, as the
 * caller) or rejects it, or it expires ({@link #expiresAt()}). See
 * {@link dev.bms.api.approval.ApprovalService}.
 *
 * @since 0.2.0
 */
public class ApprovalRequiredException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final ApprovalId requestId;
  private final GuardedAction action;
  private final String operation;
  private final Instant expiresAt;

  /**
   * @param requestId the pending request
   * @param action the guarded action the call is
   * @param operation the held operation, e.g. {@code jobs.delete}
   * @param expiresAt when the request expires
   * @param message what was held and why
   */
  public ApprovalRequiredException(ApprovalId requestId, GuardedAction action, String operation, Instant expiresAt,
                                   String message) {
    super(message);
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.action = Objects.requireNonNull(action, "action");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The pending request to approve or reject. */
  public ApprovalId requestId() {
    return requestId;
  }

  /** The guarded action the held call is. */
  public GuardedAction action() {
    return action;
  }

  /** The held operation, e.g. {@code jobs.delete}. */
  public String operation() {
    return operation;
  }

  /** When the request expires if no one decides it. */
  public Instant expiresAt() {
    return expiresAt;
  }
}
