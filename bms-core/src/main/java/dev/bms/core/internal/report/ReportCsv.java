package dev.bms.core.internal.report;

import dev.bms.api.report.AckRow;
import dev.bms.api.report.AlertAckReport;
import dev.bms.api.report.ComplianceReport;
import dev.bms.api.report.HistoryRow;
import dev.bms.api.report.JobHistoryReport;
import dev.bms.api.report.Report;
import dev.bms.api.report.RuleComplianceRow;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.api.report.SuccessRateRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's main table as RFC 4180 CSV (CRLF line ends, a header row, fields quoted when needed).
 * Rates are percentages with one decimal; durations whole seconds or milliseconds as the header says.
 * Free text that a spreadsheet would run as a formula ({@code = + - @}) is prefixed with {@code '}.
 */
final class ReportCsv {
  private ReportCsv() {
  }

  static String render(Report report) {
    List<List<String>> rows = new ArrayList<>();
    if (report instanceof SuccessRateReport r) {
      rows.add(List.of("period", "from", "to", "executions", "succeeded", "partial", "failed", "success_rate_percent"));
      r.rows().forEach(row -> rows.add(rate(row)));
      rows.add(rate(r.total()));
    } else if (report instanceof ComplianceReport r) {
      rows.add(List.of("rule", "label", "compliant_jobs", "failing_jobs", "unknown_jobs", "total_jobs",
          "compliance_rate_percent"));
      r.rules().forEach(row -> rows.add(rule(row)));
      rows.add(rule(r.overall()));
    } else if (report instanceof AlertAckReport r) {
      rows.add(List.of("severity", "alerts", "acknowledged", "acknowledged_within_sla", "median_ack_seconds",
          "p95_ack_seconds", "sla_seconds", "within_sla"));
      for (AckRow row : r.rows()) {
        rows.add(List.of(row.severity().name(), Long.toString(row.alerts()), Long.toString(row.acknowledged()),
            Long.toString(row.withinSlaCount()), row.medianAck().map(d -> Long.toString(d.toSeconds())).orElse(""),
            row.p95Ack().map(d -> Long.toString(d.toSeconds())).orElse(""), Long.toString(row.sla().toSeconds()),
            row.withinSla().map(String::valueOf).orElse("")));
      }
    } else if (report instanceof JobHistoryReport r) {
      rows.add(List.of("execution_id", "created_at", "finished_at", "status", "bytes", "files", "duration_ms",
          "copies_succeeded", "copies", "error"));
      for (HistoryRow h : r.executions()) {
        rows.add(List.of(h.executionId().toString(), h.createdAt().toString(),
            h.finishedAt().map(Object::toString).orElse(""), h.status().name(), Long.toString(h.bytes()),
            Long.toString(h.files()), Long.toString(h.duration().toMillis()), Integer.toString(h.copiesSucceeded()),
            Integer.toString(h.copies()), text(h.error().orElse(""))));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(quote(row.get(i)));
      }
      sb.append("\r\n");
    }
    return sb.toString();
  }

  private static List<String> rate(SuccessRateRow row) {
    return List.of(text(row.label()), row.from().toString(), row.to().toString(), Long.toString(row.executions()),
        Long.toString(row.succeeded()), Long.toString(row.partial()), Long.toString(row.failed()),
        percent(row.successRate()));
  }

  private static List<String> rule(RuleComplianceRow row) {
    return List.of(text(row.ruleId()), text(row.label()), Long.toString(row.passing()), Long.toString(row.failing()),
        Long.toString(row.unknown()), Long.toString(row.total()), percent(row.rate()));
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f", fraction * 100);
  }

  private static String text(String s) {
    return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
