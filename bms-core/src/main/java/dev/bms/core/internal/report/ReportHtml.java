package dev.bms.core.internal.report;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.report.AckRow;
import dev.bms.api.report.AlertAckReport;
import dev.bms.api.report.ComplianceReport;
import dev.bms.api.report.HistoryRow;
import dev.bms.api.report.JobHistoryReport;
import dev.bms.api.report.Report;
import dev.bms.api.report.RuleComplianceRow;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.api.report.SuccessRateRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A report as one self-contained XHTML page (well-formed XML, so any XML parser reads it): inline
 * CSS, inline SVG charts, no scripts, no external resources. Each section holds a chart
 * ({@code figure > svg.chart}), the figures table ({@code table.figures}) and the status line.
 */
final class ReportHtml {
  private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
      + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}"
      + "th:first-child,td:first-child{text-align:left}tr.total{font-weight:bold}"
      + ".bar.pass{fill:#2e7d32}.bar.fail{fill:#c62828}.bar.unknown{fill:#9e9e9e}.bar.partial{fill:#f9a825}"
      + ".axis{stroke:#555}.target{stroke:#1565c0;stroke-dasharray:6 4}.value,.category,.target-label{font-size:11px}"
      + ".status.pass{color:#2e7d32}.status.fail{color:#c62828}.no-data{color:#777;font-style:italic}"
      + "td.reason{text-align:left;font-size:90%}";

  private ReportHtml() {
  }

  static String render(Report report) {
    StringBuilder body = new StringBuilder();
    if (report instanceof SuccessRateReport r) {
      successRate(body, r);
    } else if (report instanceof ComplianceReport r) {
      compliance(body, r);
    } else if (report instanceof AlertAckReport r) {
      acks(body, r);
    } else if (report instanceof JobHistoryReport r) {
      history(body, r);
    }
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>"
        + "<title>" + Xml.escape(report.title()) + "</title><style>" + CSS + "</style></head><body>"
        + "<h1>" + Xml.escape(report.title()) + "</h1><p class=\"meta\">Generated " + Xml.escape(report.generatedAt().toString())
        + " by bms</p>" + body + "</body></html>\n";
  }

  private static void successRate(StringBuilder sb, SuccessRateReport r) {
    sb.append("<section id=\"success-rate\"><h2>Backup success rate</h2><p class=\"meta\">")
        .append(Xml.escape(r.from() + " to " + r.to() + " per " + r.bucket().label().toLowerCase())).append("</p>");
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    for (SuccessRateRow row : r.rows()) {
      String pct = ReportCsv.percent(row.successRate()) + "%";
      bars.add(new SvgBarChart.Bar(row.label(), row.successRate(), row.executions() == 0 ? "-" : pct,
          row.executions() == 0 ? "unknown" : row.successRate() >= r.target() ? "pass" : "fail",
          row.label() + ": " + pct + " of " + row.executions() + " executions"));
    }
    figure(sb, SvgBarChart.render("success-rate-chart", "Success rate per " + r.bucket().label().toLowerCase(), bars, 1,
        Optional.of(r.target()), "target " + ReportCsv.percent(r.target()) + "%"), "Success rate per period");
    table(sb, List.of("Period", "Executions", "Success", "Partial", "Failed", "Success Rate"), rowsOf(r), true);
    status(sb, r.target(), r.meetsTarget(), r.total().executions() > 0);
    sb.append("</section>");
  }

  private static List<List<String>> rowsOf(SuccessRateReport r) {
    List<List<String>> rows = new ArrayList<>();
    List<SuccessRateRow> all = new ArrayList<>(r.rows());
    all.add(r.total());
    for (SuccessRateRow row : all) {
      rows.add(List.of(row.label(), Long.toString(row.executions()), Long.toString(row.succeeded()),
          Long.toString(row.partial()), Long.toString(row.failed()), ReportCsv.percent(row.successRate()) + "%"));
    }
    return rows;
  }

  private static void compliance(StringBuilder sb, ComplianceReport r) {
    sb.append("<section id=\"compliance\"><h2>3-2-1-1-0 compliance rate</h2>");
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    List<RuleComplianceRow> all = new ArrayList<>(r.rules());
    all.add(r.overall());
    List<List<String>> rows = new ArrayList<>();
    for (RuleComplianceRow row : all) {
      String pct = ReportCsv.percent(row.rate()) + "%";
      bars.add(new SvgBarChart.Bar(row.label(), row.rate(), pct, row.rate() >= r.target() ? "pass" : "fail",
          row.label() + ": " + row.passing() + " of " + row.total() + " jobs (" + pct + ")"));
      rows.add(List.of(row.label(), Long.toString(row.passing()), Long.toString(row.total()), pct));
    }
    figure(sb, SvgBarChart.render("compliance-chart", "Compliance per rule", bars, 1, Optional.of(r.target()),
        "target " + ReportCsv.percent(r.target()) + "%"), "Share of compliant jobs per rule");
    table(sb, List.of("Rule", "Compliant Jobs", "Total Jobs", "Compliance Rate"), rows, true);
    status(sb, r.target(), r.meetsTarget(), r.overall().total() > 0);
    List<List<String>> failing = new ArrayList<>();
    for (JobCompliance j : r.jobs()) {
      for (RuleResult rr : j.results()) {
        if (rr.status() != ComplianceStatus.PASS && failing.size() < 200) {
          failing.add(List.of(j.jobName(), rr.ruleId(), rr.status().name(), rr.reason()));
        }
      }
    }
    if (!failing.isEmpty()) {
      sb.append("<h3>Rules not passing</h3>");
      table(sb, List.of("Job", "Rule", "Status", "Reason"), failing, false);
    }
    sb.append("</section>");
  }

  private static void acks(StringBuilder sb, AlertAckReport r) {
    sb.append("<section id=\"alert-acknowledgement\"><h2>Alert management</h2>");
    if (r.rows().isEmpty()) {
      sb.append("<p class=\"no-data\">No data: ").append(Xml.escape(r.noDataReason().orElse("no alerts"))).append("</p>");
      figure(sb, SvgBarChart.render("ack-chart", "Median acknowledgement time against SLA", List.of(), 1,
          Optional.empty(), ""), "Median acknowledgement time as a share of the SLA");
      table(sb, List.of("Severity", "Median Acknowledgment Time", "p95", "SLA", "Within SLA", "Status"), List.of(), false);
      sb.append("</section>");
      return;
    }
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (AckRow row : r.rows()) {
      double share = row.medianAck().map(d -> (double) d.toMillis() / row.sla().toMillis()).orElse(0.0);
      String median = row.medianAck().map(ReportHtml::human).orElse("-");
      bars.add(new SvgBarChart.Bar(row.severity().name(), share, median,
          row.withinSla().map(ok -> ok ? "pass" : "fail").orElse("unknown"),
          row.severity() + ": median " + median + " against " + human(row.sla())));
      rows.add(List.of(row.severity().name(), median, row.p95Ack().map(ReportHtml::human).orElse("-"),
          "< " + human(row.sla()), row.withinSlaCount() + " of " + row.alerts(),
          row.withinSla().map(ok -> ok ? "within SLA" : "over SLA").orElse("no acknowledged alerts")));
    }
    figure(sb, SvgBarChart.render("ack-chart", "Median acknowledgement time against SLA", bars, 1.5, Optional.of(1.0),
        "SLA"), "Median acknowledgement time as a share of the SLA");
    table(sb, List.of("Severity", "Median Acknowledgment Time", "p95", "SLA", "Within SLA", "Status"), rows, false);
    sb.append("</section>");
  }

  private static void history(StringBuilder sb, JobHistoryReport r) {
    sb.append("<section id=\"job-history\"><h2>").append(Xml.escape(r.jobName())).append("</h2><p class=\"meta\">")
        .append(Xml.escape(r.from() + " to " + r.to() + ", compliance now: " + r.compliance().status())).append("</p>");
    List<HistoryRow> oldestFirst = new ArrayList<>(r.executions());
    java.util.Collections.reverse(oldestFirst);
    List<HistoryRow> charted = oldestFirst.subList(Math.max(0, oldestFirst.size() - 200), oldestFirst.size());
    double max = charted.stream().mapToDouble(h -> h.duration().toMillis()).max().orElse(1);
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    for (HistoryRow h : charted) {
      String css = h.status() == ExecutionStatus.SUCCEEDED ? "pass" : h.status() == ExecutionStatus.PARTIAL ? "partial" : "fail";
      bars.add(new SvgBarChart.Bar(h.createdAt().toString().substring(0, 10), h.duration().toMillis(), human(h.duration()),
          css, h.createdAt() + " " + h.status() + " in " + human(h.duration())));
    }
    figure(sb, SvgBarChart.render("history-chart", "Execution durations, oldest first", bars, max, Optional.empty(), ""),
        "Duration of each execution, coloured by status");
    List<List<String>> rows = new ArrayList<>();
    for (HistoryRow h : r.executions()) {
      rows.add(List.of(h.createdAt().toString(), h.status().name(), Long.toString(h.files()), Long.toString(h.bytes()),
          human(h.duration()), h.copiesSucceeded() + "/" + h.copies(), h.error().orElse("")));
    }
    table(sb, List.of("Created", "Status", "Files", "Bytes", "Duration", "Copies", "Error"), rows, false);
    sb.append("<h3>Compliance</h3>");
    List<List<String>> rules = new ArrayList<>();
    r.compliance().results().forEach(rr -> rules.add(List.of(rr.ruleId(), rr.status().name(), rr.reason())));
    table(sb, List.of("Rule", "Status", "Reason"), rules, false);
    sb.append("<h3>Verifications</h3>");
    List<List<String>> verifications = new ArrayList<>();
    for (VerificationEvidence v : r.verifications()) {
      verifications.add(List.of(v.verification().finishedAt().toString(), v.verification().level().name(),
          v.trigger().name(), (v.sample().slice() + 1) + "/" + v.sample().of(), v.passed() ? "passed" : "failed",
          v.verification().executionId().toString()));
    }
    table(sb, List.of("Finished", "Level", "Trigger", "Sample", "Result", "Restore point"), verifications, false);
    sb.append("</section>");
  }

  private static void figure(StringBuilder sb, String svg, String caption) {
    sb.append("<figure>").append(svg).append("<figcaption>").append(Xml.escape(caption)).append("</figcaption></figure>");
  }

  private static void table(StringBuilder sb, List<String> header, List<List<String>> rows, boolean lastIsTotal) {
    sb.append("<table class=\"figures\"><thead><tr>");
    header.forEach(h -> sb.append("<th>").append(Xml.escape(h)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (int i = 0; i < rows.size(); i++) {
      sb.append(lastIsTotal && i == rows.size() - 1 ? "<tr class=\"total\">" : "<tr>");
      for (String cell : rows.get(i)) {
        sb.append("<td>").append(Xml.escape(cell)).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
  }

  private static void status(StringBuilder sb, double target, boolean meets, boolean hasData) {
    String pct = ReportCsv.percent(target) + "%";
    sb.append("<p class=\"status ").append(hasData ? (meets ? "pass" : "fail") : "unknown").append("\">Target: ")
        .append(pct).append(" | Status: ")
        .append(hasData ? (meets ? "meets target" : "below target") : "no data").append("</p>");
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 1) {
      return d.toMillis() + " ms";
    }
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h";
  }
}
