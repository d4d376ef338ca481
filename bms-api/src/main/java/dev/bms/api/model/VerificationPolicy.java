package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Duration;

/**
 * How a job's newest restore point is verified periodically, e.g. "restore-test the latest backup
 * weekly": {@code VerificationPolicy.every(Duration.ofDays(7), VerificationLevel.RESTORE_TEST)}.
 *
 * <p>With {@code sampleSlices = n > 1} each run checks one rotating slice of about 1/n of the files:
 * a file belongs to slice {@code floorMod(path.hashCode(), n)} and run k checks slice {@code k mod n},
 * so every path present across n consecutive runs is checked within those n runs, even when each run
 * checks a newer restore point.
 *
 * @param level how to check
 * @param every how often; a verification is due when the last one by this policy is at least this old
 * @param sampleSlices 1 to check every file each run, n to check a rotating 1/n
 * @since 0.1.0
 */
public record VerificationPolicy(VerificationLevel level, Duration every, int sampleSlices) {
  public VerificationPolicy {
    Inputs.requireArgument("level", level);
    Inputs.requireArgument("every", every);
    if (every.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidRequestException("verification policy: every: " + every + " must be at least one minute");
    }
    if (sampleSlices < 1 || sampleSlices > 10_000) {
      throw new InvalidRequestException("verification policy: sampleSlices: " + sampleSlices + " must be between 1 and 10000");
    }
  }

  /** Every file of the newest restore point at this interval. */
  public static VerificationPolicy every(Duration every, VerificationLevel level) {
    return new VerificationPolicy(level, every, 1);
  }

  /** This policy checking a rotating 1/n of the files per run. */
  public VerificationPolicy sampled(int slices) {
    return new VerificationPolicy(level, every, slices);
  }
}
