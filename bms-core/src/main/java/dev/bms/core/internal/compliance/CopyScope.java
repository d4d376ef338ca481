package dev.bms.core.internal.compliance;

import dev.bms.api.model.Execution;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.CopyFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which copies the copy digits (3, 2, 1 offsite, 1 immutable) count: the successful copies of the
 * job's newest restore point, provided it is fresh enough. {@link #problem()} says why nothing
 * counts, with the verdict that implies (UNKNOWN without any restore point, FAIL when it is stale).
 */
record CopyScope(List<CopyFacts> copies, Optional<String> problem, boolean unknown, String restorePoint) {

  static CopyScope of(ComplianceFacts facts) {
    if (facts.restorePoint().isEmpty()) {
      return new CopyScope(List.of(), Optional.of("the job has no restore point yet (no SUCCEEDED or PARTIAL execution)"),
          true, "none");
    }
    Execution point = facts.restorePoint().get();
    String describe = "restore point " + point.id() + " (" + point.status() + ", created " + point.createdAt() + ")";
    Optional<Duration> maxAge = facts.policy().restorePointMaxAge().or(() -> facts.job().definition().rpo());
    Instant finished = point.finishedAt().orElse(point.createdAt());
    if (maxAge.isPresent() && finished.isBefore(facts.now().minus(maxAge.get()))) {
      return new CopyScope(List.of(), Optional.of("the newest " + describe + " finished " + finished
          + ", longer ago than the maximum restore point age " + maxAge.get()), false, describe);
    }
    return new CopyScope(facts.copies(), Optional.empty(), false, describe);
  }

  List<String> names() {
    return copies.stream().map(CopyFacts::copyName).toList();
  }
}
