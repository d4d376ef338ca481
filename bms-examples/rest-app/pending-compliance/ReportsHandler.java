package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.report.Report;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.report.ReportService;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /api/reports/{kind}?format=json|csv|html}: bms's reports, rendered by bms.
 * Kinds: {@code success-rate} ({@code from}, {@code to}, {@code bucket=day|week}, {@code target}),
 * {@code compliance} ({@code target}), {@code alert-acks} ({@code from}, {@code to}),
 * {@code job-history} ({@code jobId}, {@code from}, {@code to}). The period defaults to the last 30 days.
 */
final class ReportsHandler {
  /** The HTML report is one self-contained page with inline CSS and SVG: it gets a CSP that allows exactly that. */
  static final String HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
      + "base-uri 'none'; form-action 'none'";

  private final BackupManager bms;
  private final java.time.Clock clock;

  ReportsHandler(BackupManager bms, java.time.Clock clock) {
    this.bms = bms;
    this.clock = clock;
  }

  void get(Context ctx) {
    Instant to = Params.instant(ctx, "to").orElse(clock.instant());
    Instant from = Params.instant(ctx, "from").orElse(to.minus(Duration.ofDays(30)));
    if (!from.isBefore(to)) {
      throw ApiException.badField("from", "must be before to");
    }
    if (Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
      throw ApiException.badField("from", "the period may span at most 366 days");
    }
    ReportService reports = bms.reports();
    String kind = ctx.pathParam("kind");
    Report report = switch (kind) {
      case "success-rate" -> reports.successRate(from, to, bucket(ctx), target(ctx));
      case "compliance" -> reports.compliance(target(ctx));
      case "alert-acks" -> reports.alertAcknowledgements(from, to, ReportService.defaultSla());
      case "job-history" -> {
        String jobId = ctx.queryParam("jobId");
        if (jobId == null || jobId.isEmpty()) {
          throw ApiException.badField("jobId", "is required for the job-history report");
        }
        yield reports.jobHistory(Params.jobId(ctx, "jobId", jobId), from, to);
      }
      default -> throw new ApiException(404, "not_found",
          "no report '" + Params.shorten(kind) + "'; reports: success-rate, compliance, alert-acks, job-history");
    };
    ReportFormat format = format(ctx);
    String body = reports.render(report, format);
    switch (format) {
      case JSON -> ctx.contentType(Json.CONTENT_TYPE);
      case CSV -> ctx.contentType("text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + kind + ".csv\"");
      case HTML -> ctx.contentType("text/html; charset=utf-8").header("Content-Security-Policy", HTML_CSP);
    }
    ctx.result(body);
  }

  private static ReportBucket bucket(Context ctx) {
    String text = ctx.queryParam("bucket");
    if (text == null || text.isEmpty()) {
      return ReportBucket.DAY;
    }
    try {
      return ReportBucket.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("bucket", "must be day or week");
    }
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
    throw ApiException.badField("target", "must be a share between 0 and 1, e.g. 0.95");
  }

  private static ReportFormat format(Context ctx) {
    String text = ctx.queryParam("format");
    if (text == null || text.isEmpty()) {
      return ReportFormat.JSON;
    }
    try {
      return ReportFormat.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("format", "must be json, csv or html");
    }
  }
}
