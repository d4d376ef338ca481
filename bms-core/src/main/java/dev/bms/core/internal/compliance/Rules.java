package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceRule;
import java.util.List;
import java.util.stream.Collectors;

/** The built-in 3-2-1-1-0 rules, in digit order, and small helpers they share. */
final class Rules {
  static final String COPIES = "3-copies";
  static final String MEDIA = "2-media";
  static final String OFFSITE = "1-offsite";
  static final String IMMUTABLE = "1-immutable";
  static final String ZERO_ERRORS = "0-errors";

  private Rules() {
  }

  static List<ComplianceRule> builtIn() {
    return List.of(new CopiesRule(), new MediaRule(), new OffsiteRule(), new ImmutableRule(), new ZeroErrorsRule());
  }

  /** The verdict when the scope counts no copies. */
  static RuleResult outOfScope(String ruleId, CopyScope scope) {
    return new RuleResult(ruleId, scope.unknown() ? ComplianceStatus.UNKNOWN : ComplianceStatus.FAIL,
        scope.problem().orElseThrow(), List.of());
  }

  static String list(List<String> names) {
    return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
  }
}
