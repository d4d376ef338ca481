package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import java.util.List;
import java.util.Set;

/**
 * What the evaluation of one execution found, and which kinds it could judge at all: a kind not
 * judged (no baseline yet, no previous restore point) neither raises nor clears anything.
 */
public record Evaluation(Set<FindingKind> judged, List<Finding> findings) {
  public Evaluation {
    judged = Set.copyOf(judged);
    findings = List.copyOf(findings);
  }

  /** Whether a finding of this kind was made. */
  public boolean found(FindingKind kind) {
    return findings.stream().anyMatch(f -> f.kind() == kind);
  }
}
