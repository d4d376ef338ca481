package dev.bms.api;

import java.util.Objects;

/**
 * The actor may not make this call: the {@link dev.bms.spi.AccessPolicy} refused it before it did
 * anything. The refusal is recorded in the audit trail (outcome {@code DENIED}).
 *
 * @since 0.2.0
 */
public class AccessDeniedException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final String actorId;
  private final String operation;

  /**
   * @param actorId the refused actor's id
   * @param operation the refused operation, e.g. {@code jobs.delete}
   * @param message why, as the policy said
   */
  public AccessDeniedException(String actorId, String operation, String message) {
    super(message);
    this.actorId = Objects.requireNonNull(actorId, "actorId");
    this.operation = Objects.requireNonNull(operation, "operation");
  }

  /** The refused actor's id. */
  public String actorId() {
    return actorId;
  }

  /** The refused operation. */
  public String operation() {
    return operation;
  }
}
