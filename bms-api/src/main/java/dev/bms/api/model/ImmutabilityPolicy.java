package dev.bms.api.model;

/**
 * What the fourth digit of 3-2-1-1-0 accepts. Sources disagree, so bms makes it a policy; see
 * {@code docs/compliance.md}.
 *
 * @since 0.1.0
 */
public enum ImmutabilityPolicy {
  /** A copy whose retention lock was read back from the medium, or a copy on an air-gapped (offline) target. The default. */
  IMMUTABLE_OR_OFFLINE,
  /** Only copies whose retention lock was read back from the medium and still holds. */
  IMMUTABLE_ONLY,
  /** Only copies on targets that declare themselves air-gapped (offline). */
  OFFLINE_ONLY
}
