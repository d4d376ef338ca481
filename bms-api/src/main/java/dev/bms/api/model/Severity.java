package dev.bms.api.model;

/**
 * How urgent an alert is. Default SLAs to acknowledge: critical 15 min, warning 2 h, info 24 h.
 *
 * @since 0.1.0
 */
public enum Severity {
  /** Data is at risk now; someone must act. */
  CRITICAL,
  /** Something degraded; act within hours. */
  WARNING,
  /** For the record. */
  INFO
}
