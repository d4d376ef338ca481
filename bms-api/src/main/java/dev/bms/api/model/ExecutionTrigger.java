package dev.bms.api.model;

/**
 * What created an execution.
 *
 * @since 0.1.0
 */
public enum ExecutionTrigger {
  /** The scheduler, for a scheduled fire time. */
  SCHEDULE,
  /** {@code runNow} or an API call. */
  MANUAL,
  /** An external tool's {@code begin}. */
  REPORTED,
  /** A retry of a failed or abandoned execution. */
  RETRY
}
