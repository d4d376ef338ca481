package dev.bms.spi.notify;

/**
 * Why a notification is sent.
 *
 * @since 0.1.0
 */
public enum NotificationKind {
  /** One or more alerts started firing (or fire again after the repeat interval). */
  FIRING,
  /** The alerts' conditions cleared. */
  RESOLVED,
  /** A periodic summary of the alerts still open. */
  DIGEST
}
