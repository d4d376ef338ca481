package dev.bms.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One successful copy of a job's newest restore point, as compliance sees it.
 *
 * @param copyName the copy within the job
 * @param targetType its target type
 * @param capabilities what its target declares; empty when the target cannot be created now
 *     (plugin missing, configuration no longer valid)
 * @param declaredOffsite whether the job declares the copy offsite ({@code CopySpec.offsite})
 * @param claimsImmutable whether anything claims the copy is locked: its target declares
 *     immutability or the write reported a lock
 * @param lock the retention lock as last read back from the medium, if it was ever read
 * @since 0.1.0
 */
public record CopyFacts(String copyName, String targetType, Optional<TargetCapabilities> capabilities,
                        boolean declaredOffsite, boolean claimsImmutable, Optional<LockProof> lock) {
  public CopyFacts {
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(lock, "lock");
  }

  /** Offsite as declared by the job or by the target. */
  public boolean offsite() {
    return declaredOffsite || capabilities.map(TargetCapabilities::offsite).orElse(false);
  }

  /** Whether the target declares itself air-gapped. */
  public boolean offline() {
    return capabilities.map(TargetCapabilities::offline).orElse(false);
  }
}
