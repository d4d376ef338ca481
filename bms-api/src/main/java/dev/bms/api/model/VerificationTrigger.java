package dev.bms.api.model;

/**
 * What started a verification.
 *
 * @since 0.1.0
 */
public enum VerificationTrigger {
  /** An application called {@code verifications().verify(...)}. */
  MANUAL,
  /** The job's {@link VerificationPolicy} made it due. */
  POLICY
}
