package dev.bms.core.internal.approval;

import dev.bms.api.approval.FourEyesPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether four-eyes approval is on, and its policy.
 *
 * @param policy the policy; empty when off (the default)
 */
public record FourEyesSettings(Optional<FourEyesPolicy> policy) {
  public FourEyesSettings {
    Objects.requireNonNull(policy, "policy");
  }

  /** Off. */
  public static FourEyesSettings off() {
    return new FourEyesSettings(Optional.empty());
  }
}
