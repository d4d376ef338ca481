package dev.bms.api.model;

/**
 * What the fourth digit of 3-2-1-1-0 accepts. Sources disagree, so bms makes it a policy; see
 * {@code docs/compliance.md}. "Lock" always means a retention lock read back from the medium that
 * still holds; the {@code ENFORCED_*} values further require that the medium enforces it even
 * against its administrator ({@link dev.bms.spi.LockEnforcement#ENFORCED}), so read-only files that
 * root can make writable again do not count.
 *
 * @since 0.1.0
 */
public enum ImmutabilityPolicy {
  /**
   * A copy whose lock (advisory or enforced) was read back from the medium, or a copy on an
   * air-gapped (offline) target. The default: see {@code docs/compliance.md} for why advisory
   * locks count by default.
   */
  IMMUTABLE_OR_OFFLINE,
  /** Only copies whose lock (advisory or enforced) was read back from the medium and still holds. */
  IMMUTABLE_ONLY,
  /** Only copies on targets that declare themselves air-gapped (offline). */
  OFFLINE_ONLY,
  /** A copy whose enforced lock was read back from the medium, or a copy on an air-gapped target. */
  ENFORCED_OR_OFFLINE,
  /** Only copies whose enforced lock was read back from the medium and still holds. */
  ENFORCED_ONLY;

  /** Whether copies with a proven lock count at all. */
  public boolean locksCount() {
    return this != OFFLINE_ONLY;
  }

  /** Whether copies on offline targets count. */
  public boolean offlineCounts() {
    return this != IMMUTABLE_ONLY && this != ENFORCED_ONLY;
  }

  /** Whether a lock must be {@link dev.bms.spi.LockEnforcement#ENFORCED} to count. */
  public boolean requiresEnforcedLock() {
    return this == ENFORCED_OR_OFFLINE || this == ENFORCED_ONLY;
  }
}
