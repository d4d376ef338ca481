package dev.bms.api.approval;

/**
 * Where an approval request stands.
 *
 * @since 0.2.0
 */
public enum ApprovalStatus {
  /** Waiting for a second actor; it has not run. */
  PENDING,
  /**
   * Approved by a second actor and run once, as the requester; {@link ApprovalRequest#outcome()}
   * says how the run ended (empty only while it runs, or if the instance died during the run).
   */
  APPROVED,
  /** Rejected by a second actor (or withdrawn); it never runs. */
  REJECTED,
  /** Not decided before {@link ApprovalRequest#expiresAt()}; it never runs. */
  EXPIRED
}
