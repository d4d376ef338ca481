package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.report.RuleComplianceRow;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.storage.VerdictCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns stored per-rule counts into {@link ComplianceCounts}, rows in this instance's rule order
 * (every rule of this instance, zeros included), then rules only stored verdicts know, by id. */
final class VerdictCounts {
  private VerdictCounts() {
  }

  static ComplianceCounts of(List<VerdictCount> counts, List<ComplianceRule> rules) {
    Map<String, long[]> known = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    rules.forEach(r -> labels.put(r.id(), r.label()));
    Map<String, long[]> unknownRules = new TreeMap<>();
    long[] overall = new long[3];
    for (VerdictCount c : counts) {
      long[] row;
      if (c.ruleId().isEmpty()) {
        row = overall;
      } else if (labels.containsKey(c.ruleId().get())) {
        row = known.computeIfAbsent(c.ruleId().get(), k -> new long[3]);
      } else {
        row = unknownRules.computeIfAbsent(c.ruleId().get(), k -> new long[3]);
      }
      row[c.status().ordinal()] += c.count();
    }
    List<RuleComplianceRow> rows = new ArrayList<>();
    labels.forEach((id, label) -> rows.add(row(id, label, known.getOrDefault(id, new long[3]))));
    unknownRules.forEach((id, c) -> rows.add(row(id, id, c)));
    return new ComplianceCounts(rows, row("overall", "Overall", overall));
  }

  private static RuleComplianceRow row(String id, String label, long[] c) {
    return new RuleComplianceRow(id, label, c[ComplianceStatus.PASS.ordinal()], c[ComplianceStatus.FAIL.ordinal()],
        c[ComplianceStatus.UNKNOWN.ordinal()]);
  }
}
