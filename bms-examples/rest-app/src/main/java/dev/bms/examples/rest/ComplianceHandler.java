package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.RuleResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/compliance}: every job judged by bms's compliance service against 3-2-1-1-0 (and
 * custom rules), with the count of jobs passing, failing and unknown per rule ("per digit"), which
 * the dashboard charts. Verdicts are bms's own; nothing is computed here but the counts.
 */
final class ComplianceHandler {
  private final BackupManager bms;

  ComplianceHandler(BackupManager bms) {
    this.bms = bms;
  }

  record RuleView(String rule, String status, String reason, List<String> countedCopies, List<String> unprovenCopies) {
  }

  record JobView(String jobId, String jobName, String status, List<RuleView> results, Optional<String> restorePoint,
                 Instant evaluatedAt) {
  }

  record Digit(String rule, int pass, int fail, int unknown) {
  }

  record ComplianceView(int jobs, int compliant, List<Digit> digits, List<JobView> results) {
  }

  void get(Context ctx) {
    List<JobCompliance> all = bms.compliance().evaluateAll();
    Map<String, int[]> perRule = new LinkedHashMap<>();
    List<JobView> jobs = new ArrayList<>(all.size());
    int compliant = 0;
    for (JobCompliance c : all) {
      if (c.status() == ComplianceStatus.PASS) {
        compliant++;
      }
      List<RuleView> rules = new ArrayList<>();
      for (RuleResult r : c.results()) {
        perRule.computeIfAbsent(r.ruleId(), k -> new int[3])[r.status().ordinal()]++;
        rules.add(new RuleView(r.ruleId(), r.status().name(), r.reason(), r.countedCopies(), r.unprovenCopies()));
      }
      jobs.add(new JobView(c.jobId().toString(), c.jobName(), c.status().name(), rules,
          c.restorePoint().map(Object::toString), c.evaluatedAt()));
    }
    List<Digit> digits = new ArrayList<>();
    perRule.forEach((rule, n) -> digits.add(new Digit(rule, n[ComplianceStatus.PASS.ordinal()],
        n[ComplianceStatus.FAIL.ordinal()], n[ComplianceStatus.UNKNOWN.ordinal()])));
    Json.respond(ctx, 200, new ComplianceView(all.size(), compliant, digits, jobs));
  }
}
