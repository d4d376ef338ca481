package dev.bms.api.model;

/**
 * Verdict of one compliance rule for one job.
 *
 * @since 0.1.0
 */
public enum ComplianceStatus {
  /** The rule holds, on facts bms could prove. */
  PASS,
  /** The rule does not hold. */
  FAIL,
  /** bms cannot tell (no facts yet, or facts it cannot trust, such as an unproven lock). */
  UNKNOWN
}
