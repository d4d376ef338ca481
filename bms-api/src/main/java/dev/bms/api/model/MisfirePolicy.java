package dev.bms.api.model;

/**
 * What to do with fires missed while no bms instance was running.
 *
 * @since 0.1.0
 */
public enum MisfirePolicy {
  /** Run once for all missed fires, as soon as an instance is back. */
  CATCH_UP_ONCE,
  /** Drop missed fires; wait for the next scheduled time. */
  SKIP
}
