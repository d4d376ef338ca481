package dev.bms.examples.rest;

import dev.bms.api.report.Report;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.report.ReportService;
import io.javalin.http.Context;
import dev.bms.api.report.SuccessRateReport;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/reports/{kind}}: bms's reports, built and rendered by bms's report service.
 *
 * <ul>
 *   <li>{@code success-rate}: {@code from}, {@code to}, {@code period=day|week}, {@code target} (0-1). With
 *       dates ({@code 2026-11-01}) or neither (the 30 calendar days through today), calendar days in
 *       {@code zone} (default UTC) read from bms's rollups, whatever the number of executions; with
 *       instants, rolling 24-hour buckets counted from the executions;</li>
 *   <li>{@code compliance}: {@code target};</li>
 *   <li>{@code alert-acknowledgement}: {@code from}, {@code to} (acknowledgement times against the SLA per severity);</li>
 *   <li>{@code job-history}: {@code jobId} (required), {@code from}, {@code to}.</li>
 * </ul>
 *
 * Other periods default to the 30 days before now. The format is {@code ?format=json|csv|html}, or else
 * negotiated from {@code Accept} (JSON when absent). The HTML report is one self-contained page with
 * an inline style sheet and inline SVG: it is served with its own, equally closed CSP (see {@link ReportCsp}).
 */
final class ReportsHandler {
  static final List<String> KINDS = List.of("success-rate", "compliance", "alert-acknowledgement", "job-history");
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final Clock clock;

  ReportsHandler(Clock clock) {
    this.clock = clock;
  }

  void get(Context ctx) {
    String kind = ctx.pathParam("kind");
    if (!KINDS.contains(kind)) {
      throw ApiException.badField("kind", "no report '" + Params.shorten(kind) + "'; reports: " + String.join(", ", KINDS));
    }
    // Everything is validated before bms builds anything.
    ReportFormat format = ReportFormats.choose(ctx);
    if (kind.equals("success-rate") && calendarDays(ctx)) {
      respond(ctx, kind, format, successRateByCalendarDay(ctx));
      return;
    }
    Instant to = Params.instant(ctx, "to").orElse(clock.instant());
    Instant from = Params.instant(ctx, "from").orElse(to.minus(DEFAULT_PERIOD));
    if (!from.isBefore(to)) {
      throw ApiException.badField("from", "must be before to");
    }
    if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw ApiException.badField("from", "the period from-to may span at most 366 days");
    }
    ReportService reports = Callers.of(ctx).reports();
    Report report = switch (kind) {
      case "success-rate" -> reports.successRate(from, to, period(ctx), target(ctx));
      case "compliance" -> reports.compliance(target(ctx));
      case "alert-acknowledgement" -> reports.alertAcknowledgements(from, to);
      default -> { // job-history
        String jobId = ctx.queryParam("jobId");
        if (jobId == null || jobId.isEmpty()) {
          throw ApiException.badField("jobId", "is required for the job-history report");
        }
        yield reports.jobHistory(Params.jobId(ctx, "jobId", jobId), from, to);
      }
    };
    respond(ctx, kind, format, report);
  }

  private void respond(Context ctx, String kind, ReportFormat format, Report report) {
    String body = Callers.of(ctx).reports().render(report, format);
    ctx.header("Vary", "Accept");
    switch (format) {
      case JSON -> ctx.contentType(Json.CONTENT_TYPE);
      case CSV -> ctx.contentType("text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + kind + ".csv\"");
      case HTML -> ctx.contentType("text/html; charset=utf-8")
          .header("Content-Security-Policy", ReportCsp.forPage(body));
    }
    ctx.result(body);
  }

  /** Whether the success rate is asked per calendar day: {@code from} and {@code to} are dates or absent. */
  private static boolean calendarDays(Context ctx) {
    for (String name : List.of("from", "to")) {
      String text = ctx.queryParam(name);
      if (text != null && text.indexOf('T') >= 0) {
        return false;
      }
    }
    return true;
  }

  private SuccessRateReport successRateByCalendarDay(Context ctx) {
    ZoneId zone = zone(ctx);
    LocalDate last = date(ctx, "to").orElse(LocalDate.ofInstant(clock.instant(), zone));
    LocalDate first = date(ctx, "from").orElse(last.minusDays(DEFAULT_PERIOD.toDays() - 1));
    if (last.isBefore(first)) {
      throw ApiException.badField("from", "must not be after to");
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_PERIOD.toDays()) {
      throw ApiException.badField("from", "the days from-to may span at most 366 days");
    }
    return Callers.of(ctx).reports().successRate(first, last, zone, period(ctx), target(ctx));
  }

  private static Optional<LocalDate> date(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw ApiException.badField(name, "must be a date such as 2026-01-31 (calendar days) or an ISO-8601 instant"
          + " such as 2026-01-31T00:00:00Z (rolling days), was '" + Params.shorten(text) + "'");
    }
  }

  private static ZoneId zone(Context ctx) {
    String text = ctx.queryParam("zone");
    if (text == null || text.isEmpty()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ApiException.badField("zone", "must be a time zone such as Europe/Berlin or UTC, was '"
          + Params.shorten(text) + "'");
    }
  }

  private static ReportBucket period(Context ctx) {
    String text = ctx.queryParam("period");
    if (text == null || text.isEmpty()) {
      return ReportBucket.DAY;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "day" -> ReportBucket.DAY;
      case "week" -> ReportBucket.WEEK;
      default -> throw ApiException.badField("period", "must be day or week, was '" + Params.shorten(text) + "'");
    };
  }

  private static double target(Context ctx) {
    String text = ctx.queryParam("target");
    if (text == null || text.isEmpty()) {
      return ReportService.DEFAULT_TARGET;
    }
    try {
      double t = Double.parseDouble(text);
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badField("target", "must be a share between 0 and 1, e.g. 0.95, was '" + Params.shorten(text) + "'");
  }
}
