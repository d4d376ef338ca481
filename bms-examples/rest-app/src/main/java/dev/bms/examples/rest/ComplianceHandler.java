package dev.bms.examples.rest;

import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.VerdictPage;
import dev.bms.api.report.RuleComplianceRow;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/compliance?limit=&cursor=&status=}: bms's stored 3-2-1-1-0 verdicts (and custom
 * rules), one page of jobs ordered by id, with the count of jobs passing, failing and unknown per
 * rule ("per digit") over every judged job, which the dashboard charts. It evaluates nothing: the
 * verdicts are the ones bms stored when a job's state changed (see {@code docs/compliance.md}), so
 * the cost is three queries whatever the number of jobs, and viewing never raises an alert.
 */
final class ComplianceHandler {

  ComplianceHandler() {
  }

  record RuleView(String rule, String status, String reason, List<String> countedCopies, List<String> unprovenCopies) {
  }

  record JobView(String jobId, String jobName, String status, List<RuleView> results, Optional<String> restorePoint,
                 Instant evaluatedAt) {
  }

  record Digit(String rule, long pass, long fail, long unknown) {
  }

  /**
   * {@code jobs} and {@code compliant} count every judged job; {@code results} is one page of
   * {@code total} (all judged jobs, or those with the requested status), {@code next} its cursor.
   */
  record ComplianceView(long jobs, long compliant, List<Digit> digits, List<JobView> results, long total,
                        Optional<String> next) {
  }

  /** What the dashboard's compliance panel draws: the counts alone, without a page of verdicts. */
  record SummaryView(long jobs, long compliant, List<Digit> digits) {
  }

  void get(Context ctx) {
    PageRequest page = Paging.from(ctx);
    Optional<ComplianceStatus> status = status(ctx);
    VerdictPage verdicts = status.isPresent()
        ? Callers.of(ctx).compliance().verdicts(status.get(), page)
        : Callers.of(ctx).compliance().verdicts(page);
    SummaryView summary = summary(Callers.of(ctx).compliance().counts());
    List<JobView> jobs = verdicts.items().stream().map(ComplianceHandler::view).toList();
    Json.respond(ctx, 200, new ComplianceView(summary.jobs(), summary.compliant(), summary.digits(), jobs,
        verdicts.total(), verdicts.nextCursor()));
  }

  /**
   * {@code GET /api/compliance/summary}: the counts per digit and of compliant jobs, one stored-counter
   * read whatever the number of jobs. A page of verdicts with its reasons is about 1.4 KB of JSON per
   * job; a panel that only charts the counts asks for this instead.
   */
  void summary(Context ctx) {
    Json.respond(ctx, 200, summary(Callers.of(ctx).compliance().counts()));
  }

  private static SummaryView summary(ComplianceCounts counts) {
    RuleComplianceRow overall = counts.overall();
    List<Digit> digits = counts.rules().stream()
        .map(r -> new Digit(r.ruleId(), r.passing(), r.failing(), r.unknown()))
        .toList();
    return new SummaryView(overall.passing() + overall.failing() + overall.unknown(), overall.passing(), digits);
  }

  private static JobView view(JobCompliance c) {
    List<RuleView> rules = c.results().stream()
        .map((RuleResult r) -> new RuleView(r.ruleId(), r.status().name(), r.reason(), r.countedCopies(),
            r.unprovenCopies()))
        .toList();
    return new JobView(c.jobId().toString(), c.jobName(), c.status().name(), rules,
        c.restorePoint().map(Object::toString), c.evaluatedAt());
  }

  private static Optional<ComplianceStatus> status(Context ctx) {
    String value = ctx.queryParam("status");
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ComplianceStatus.valueOf(value.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("status", "must be one of PASS, FAIL, UNKNOWN");
    }
  }
}
