package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the evaluation of one execution found, and which kinds it could judge at all: a kind not
 * judged (no baseline yet, no previous restore point) neither raises nor clears anything. Per-target
 * kinds (success-rate drift of a target's copies, target space) are judged per target:
 * {@code judgedSubjects}.
 */
public record Evaluation(Set<FindingKind> judged, List<Finding> findings, Map<FindingKind, Set<String>> judgedSubjects) {
  public Evaluation {
    judged = Set.copyOf(judged);
    findings = List.copyOf(findings);
    judgedSubjects = Map.copyOf(judgedSubjects);
  }

  public Evaluation(Set<FindingKind> judged, List<Finding> findings) {
    this(judged, findings, Map.of());
  }

  /** Whether a finding of this kind was made. */
  public boolean found(FindingKind kind) {
    return findings.stream().anyMatch(f -> f.kind() == kind);
  }

  /** The targets judged for a per-target kind. */
  public Set<String> judgedSubjects(FindingKind kind) {
    return judgedSubjects.getOrDefault(kind, Set.of());
  }
}
