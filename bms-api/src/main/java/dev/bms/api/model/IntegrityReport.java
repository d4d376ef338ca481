package dev.bms.api.model;

import java.util.List;

/**
 * Result of re-reading a copy and comparing it with its manifest.
 *
 * @param filesChecked files read and hashed
 * @param bytesChecked bytes read
 * @param problems every mismatching file; empty when the copy is intact
 * @since 0.1.0
 */
public record IntegrityReport(long filesChecked, long bytesChecked, List<IntegrityProblem> problems) {
  public IntegrityReport {
    problems = List.copyOf(problems);
  }

  /** True when every checked file matched. */
  public boolean intact() {
    return problems.isEmpty();
  }
}
