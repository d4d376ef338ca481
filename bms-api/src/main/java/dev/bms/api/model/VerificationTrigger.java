package dev.bms.api.model;

/** What started a verification. */
public enum VerificationTrigger {
  /** An application called {@code verifications().verify(...)}. */
  MANUAL,
  /** The job's {@link VerificationPolicy} made it due. */
  POLICY
}
