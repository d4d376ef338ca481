package dev.bms.api.model;

/**
 * Where an alert is in its life.
 *
 * @since 0.1.0
 */
public enum AlertState {
  /** The condition holds and nobody has acknowledged it yet. */
  FIRING(true),
  /** The condition holds and someone acknowledged it (no more repeat notifications). */
  ACKNOWLEDGED(true),
  /** The condition cleared (a later success, a passing check); the alert is closed for good. */
  RESOLVED(false);

  private final boolean open;

  AlertState(boolean open) {
    this.open = open;
  }

  /** True while the condition holds (firing or acknowledged). */
  public boolean isOpen() {
    return open;
  }
}
