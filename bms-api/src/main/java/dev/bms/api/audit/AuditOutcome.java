package dev.bms.api.audit;

/**
 * How an audited call ended.
 *
 * @since 0.2.0
 */
public enum AuditOutcome {
  /** The call returned normally; its change (if any) is committed. */
  SUCCEEDED,
  /**
   * The call was refused because of the request or the state it met (invalid input, unknown id,
   * conflict, locked copy, missing capability): nothing was changed.
   */
  REFUSED,
  /** The call failed for another reason (storage failure, plugin error). */
  FAILED,
  /**
   * The access policy refused the actor this call ({@link dev.bms.api.AccessDeniedException}); it did
   * nothing. Recorded for reads too.
   */
  DENIED
}
