package dev.bms.api.model;

import java.util.Objects;

/**
 * A stored verification: the evidence that feeds the "0 errors" digit. What (the restore point and
 * its copies), when, which method, the result with every problem per copy, and how it was started.
 *
 * @param id identity of the evidence record
 * @param verification what was checked and found
 * @param trigger manual or by the job's verification policy
 * @param sample which files were checked
 * @since 0.1.0
 */
public record VerificationEvidence(String id, Verification verification, VerificationTrigger trigger,
                                   VerificationSample sample) {
  public VerificationEvidence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(sample, "sample");
  }

  /** True when at least one copy was checked and every copy passed. */
  public boolean passed() {
    return verification.passed();
  }
}
