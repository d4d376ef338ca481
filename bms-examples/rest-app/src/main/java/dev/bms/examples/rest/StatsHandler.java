package dev.bms.examples.rest;

import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.report.DashboardSummary;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportService;
import dev.bms.api.report.SuccessRateRow;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/stats?days=14}: what the dashboard charts, from bms's stored figures: how many jobs
 * are in each status of their newest finished execution ({@code reports().summary}), and the success
 * rate per UTC calendar day from the execution rollups ({@code reports().successRate} by day). A
 * handful of queries whatever the number of jobs and executions; nothing is walked or evaluated.
 */
final class StatsHandler {
  private final Clock clock;

  StatsHandler(Clock clock) {
    this.clock = clock;
  }

  /** Executions finished in one UTC day. */
  record DayStats(Instant day, long finished, long succeeded, long partial, long failed, Optional<Double> successRate) {
  }

  /**
   * {@code jobsByLastStatus}: SUCCEEDED, PARTIAL and FAILED as recorded; OTHER for timed-out,
   * cancelled, abandoned and interrupted runs; NEVER_RUN for jobs that never finished one.
   */
  record Stats(Instant generatedAt, long jobs, Map<String, Long> jobsByLastStatus, List<DayStats> successByDay,
               Map<String, Long> firingAlerts) {
  }

  void get(Context ctx) {
    int days = Params.integer(ctx, "days", 14, 1, 90);
    DashboardSummary summary = Callers.of(ctx).reports().summary(ZoneOffset.UTC);

    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String s : List.of("SUCCEEDED", "PARTIAL", "FAILED", "NEVER_RUN", "OTHER")) {
      byStatus.put(s, 0L);
    }
    summary.jobsByLastStatus().forEach((status, n) -> byStatus.merge(bucket(status), n, Long::sum));
    byStatus.put("NEVER_RUN", summary.jobsNeverFinished());

    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<DayStats> series = Callers.of(ctx).reports()
        .successRate(today.minusDays(days - 1L), today, ZoneOffset.UTC, ReportBucket.DAY, ReportService.DEFAULT_TARGET)
        .rows().stream()
        .map(StatsHandler::day)
        .toList();

    Map<String, Long> alerts = new LinkedHashMap<>();
    summary.firingAlerts().forEach((severity, n) -> alerts.put(severity.name(), n));
    Json.respond(ctx, 200, new Stats(summary.generatedAt(), summary.jobs(), byStatus, series, alerts));
  }

  private static DayStats day(SuccessRateRow row) {
    return new DayStats(row.from(), row.executions(), row.succeeded(), row.partial(), row.failed(),
        row.executions() == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * row.successRate()) / 10.0));
  }

  private static String bucket(ExecutionStatus status) {
    return switch (status) {
      case SUCCEEDED, PARTIAL, FAILED -> status.name();
      default -> "OTHER";
    };
  }
}
