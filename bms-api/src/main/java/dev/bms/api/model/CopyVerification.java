package dev.bms.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The verification of one copy.
 *
 * @param copyName the copy within the job
 * @param targetType the target that holds it
 * @param report files and bytes checked and every mismatch
 * @param error why the copy could not be checked at all (target unreachable...), if so
 * @since 0.1.0
 */
public record CopyVerification(String copyName, String targetType, IntegrityReport report, Optional<String> error) {
  public CopyVerification {
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(error, "error");
  }

  /** True when the copy was checked and every file matched. */
  public boolean passed() {
    return error.isEmpty() && report.intact();
  }
}
