package dev.bms.core;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import java.util.List;

/**
 * A custom rule registered through {@code META-INF/services/dev.bms.spi.ComplianceRule} in the test
 * resources: FAIL when the job is labelled {@code custom-rule=fail}, PASS otherwise (harmless to
 * other tests).
 */
public final class OwnerLabelRule implements ComplianceRule {
  @Override
  public String id() {
    return "test-custom-label";
  }

  @Override
  public String label() {
    return "Custom label";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    boolean fail = "fail".equals(facts.job().definition().labels().get("custom-rule"));
    return new RuleResult(id(), fail ? ComplianceStatus.FAIL : ComplianceStatus.PASS,
        fail ? "labelled custom-rule=fail" : "not labelled custom-rule=fail", List.of());
  }
}
