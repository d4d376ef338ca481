package dev.bms.api.model;

/** Verdict of one compliance rule for one job. */
public enum ComplianceStatus {
  /** The rule holds, on facts bms could prove. */
  PASS,
  /** The rule does not hold. */
  FAIL,
  /** bms cannot tell (no facts yet, or facts it cannot trust, such as an unproven lock). */
  UNKNOWN
}
