package dev.bms.api;

import dev.bms.spi.storage.StorageCapability;

/**
 * The call needs an optional capability the configured storage does not have (for example the
 * compliance service on a storage without a compliance store). Nothing was done; the same call
 * fails the same way until the manager is given a storage with the capability.
 *
 * @since 0.1.0
 */
public class CapabilityMissingException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final StorageCapability capability;

  /**
   * @param capability the missing capability
   * @param message what was refused and why
   */
  public CapabilityMissingException(StorageCapability capability, String message) {
    super(message);
    this.capability = java.util.Objects.requireNonNull(capability, "capability");
  }

  /** The missing capability. */
  public StorageCapability capability() {
    return capability;
  }
}
