package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.CopyFacts;
import java.util.ArrayList;
import java.util.List;

/** "1 offsite": copies the job declares offsite or whose target declares itself offsite. */
final class OffsiteRule implements ComplianceRule {
  @Override
  public String id() {
    return Rules.OFFSITE;
  }

  @Override
  public String label() {
    return "1 Offsite";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    CopyScope scope = CopyScope.of(facts);
    if (scope.problem().isPresent()) {
      return Rules.outOfScope(id(), scope);
    }
    List<String> counted = new ArrayList<>();
    List<String> why = new ArrayList<>();
    List<String> unknownTargets = new ArrayList<>();
    for (CopyFacts c : scope.copies()) {
      if (c.declaredOffsite()) {
        counted.add(c.copyName());
        why.add(c.copyName() + " (declared by the job)");
      } else if (c.offsite()) {
        counted.add(c.copyName());
        why.add(c.copyName() + " (declared by its target)");
      } else if (c.capabilities().isEmpty()) {
        unknownTargets.add(c.copyName());
      }
    }
    int required = facts.policy().minOffsite();
    String reason = counted.size() + " offsite copies (" + Rules.list(why) + ") of " + scope.restorePoint()
        + "; the policy requires " + required;
    if (counted.size() >= required) {
      return new RuleResult(id(), ComplianceStatus.PASS, reason, counted);
    }
    if (counted.size() + unknownTargets.size() >= required) {
      return new RuleResult(id(), ComplianceStatus.UNKNOWN, reason + "; the targets of " + Rules.list(unknownTargets)
          + " cannot be reached to read what they declare", counted, unknownTargets);
    }
    return new RuleResult(id(), ComplianceStatus.FAIL, reason, counted);
  }
}
