package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import java.util.ArrayList;
import java.util.List;

/** "3 copies": successful copies of the newest restore point, plus production data when the policy counts it. */
final class CopiesRule implements ComplianceRule {
  @Override
  public String id() {
    return Rules.COPIES;
  }

  @Override
  public String label() {
    return "3 Copies";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    CopyScope scope = CopyScope.of(facts);
    if (scope.problem().isPresent()) {
      return Rules.outOfScope(id(), scope);
    }
    List<String> counted = new ArrayList<>(scope.names());
    if (facts.policy().countProductionData()) {
      counted.add("production");
    }
    int required = facts.policy().minCopies();
    boolean pass = counted.size() >= required;
    return new RuleResult(id(), pass ? ComplianceStatus.PASS : ComplianceStatus.FAIL,
        counted.size() + " copies counted (" + Rules.list(counted) + ") of " + scope.restorePoint()
            + "; the policy requires " + required
            + (facts.policy().countProductionData() ? ", production data included" : ", production data not counted"),
        counted);
  }
}
