package dev.bms.spi;

/**
 * How strongly a medium holds a retention lock. The "1 immutable" digit of 3-2-1-1-0 can require
 * {@link #ENFORCED} locks by policy ({@code ImmutabilityPolicy.ENFORCED_ONLY}, see
 * {@code docs/compliance.md}).
 *
 * @since 0.1.0
 */
public enum LockEnforcement {
  /**
   * The medium refuses deletion and change until the lock date even to its administrator: S3 Object
   * Lock in compliance mode, WORM media, a storage appliance's retention lock.
   */
  ENFORCED,
  /**
   * The lock keeps honest software from deleting the copy but an administrator can lift it:
   * read-only files (root can chmod them), S3 Object Lock in governance mode.
   */
  ADVISORY
}
