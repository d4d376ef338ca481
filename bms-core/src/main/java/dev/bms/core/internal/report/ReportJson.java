package dev.bms.core.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.IntegrityProblem;
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
import java.io.UncheckedIOException;

/**
 * Reports as JSON, written explicitly with Jackson's tree model (a deliberate format, like the job
 * codec): instants and durations are ISO-8601 strings, rates fractions, absent values omitted.
 */
final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {
  }

  static String render(Report report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("report", kind(report));
    root.put("title", report.title());
    root.put("generatedAt", report.generatedAt().toString());
    if (report instanceof SuccessRateReport r) {
      successRate(root, r);
    } else if (report instanceof ComplianceReport r) {
      compliance(root, r);
    } else if (report instanceof AlertAckReport r) {
      acks(root, r);
    } else if (report instanceof JobHistoryReport r) {
      history(root, r);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String kind(Report report) {
    if (report instanceof SuccessRateReport) {
      return "success-rate";
    } else if (report instanceof ComplianceReport) {
      return "compliance";
    } else if (report instanceof AlertAckReport) {
      return "alert-acknowledgement";
    }
    return "job-history";
  }

  private static void successRate(ObjectNode root, SuccessRateReport r) {
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    root.put("bucket", r.bucket().name());
    root.put("target", r.target());
    root.put("meetsTarget", r.meetsTarget());
    ArrayNode rows = root.putArray("rows");
    r.rows().forEach(row -> rateRow(rows.addObject(), row));
    rateRow(root.putObject("total"), r.total());
  }

  private static void rateRow(ObjectNode n, SuccessRateRow row) {
    n.put("period", row.label());
    n.put("from", row.from().toString());
    n.put("to", row.to().toString());
    n.put("executions", row.executions());
    n.put("succeeded", row.succeeded());
    n.put("partial", row.partial());
    n.put("failed", row.failed());
    n.put("successRate", row.successRate());
  }

  private static void compliance(ObjectNode root, ComplianceReport r) {
    root.put("target", r.target());
    root.put("meetsTarget", r.meetsTarget());
    ArrayNode rules = root.putArray("rules");
    r.rules().forEach(row -> ruleRow(rules.addObject(), row));
    ruleRow(root.putObject("overall"), r.overall());
    ArrayNode jobs = root.putArray("jobs");
    r.jobs().forEach(j -> jobCompliance(jobs.addObject(), j));
  }

  private static void ruleRow(ObjectNode n, RuleComplianceRow row) {
    n.put("rule", row.ruleId());
    n.put("label", row.label());
    n.put("compliantJobs", row.passing());
    n.put("failingJobs", row.failing());
    n.put("unknownJobs", row.unknown());
    n.put("totalJobs", row.total());
    n.put("complianceRate", row.rate());
  }

  private static void jobCompliance(ObjectNode n, JobCompliance j) {
    n.put("jobId", j.jobId().toString());
    n.put("job", j.jobName());
    n.put("status", j.status().name());
    j.restorePoint().ifPresent(id -> n.put("restorePoint", id.toString()));
    n.put("evaluatedAt", j.evaluatedAt().toString());
    ArrayNode results = n.putArray("results");
    for (RuleResult r : j.results()) {
      ObjectNode o = results.addObject();
      o.put("rule", r.ruleId());
      o.put("status", r.status().name());
      o.put("reason", r.reason());
      r.countedCopies().forEach(o.withArray("countedCopies")::add);
      r.unprovenCopies().forEach(o.withArray("unprovenCopies")::add);
    }
  }

  private static void acks(ObjectNode root, AlertAckReport r) {
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    r.noDataReason().ifPresent(reason -> root.put("noData", reason));
    ArrayNode rows = root.putArray("rows");
    for (AckRow row : r.rows()) {
      ObjectNode n = rows.addObject();
      n.put("severity", row.severity().name());
      n.put("alerts", row.alerts());
      n.put("acknowledged", row.acknowledged());
      n.put("acknowledgedWithinSla", row.withinSlaCount());
      row.medianAck().ifPresent(d -> n.put("medianAck", d.toString()));
      row.p95Ack().ifPresent(d -> n.put("p95Ack", d.toString()));
      n.put("sla", row.sla().toString());
      row.withinSla().ifPresent(ok -> n.put("withinSla", ok));
    }
  }

  private static void history(ObjectNode root, JobHistoryReport r) {
    root.put("jobId", r.jobId().toString());
    root.put("job", r.jobName());
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    ArrayNode rows = root.putArray("executions");
    for (HistoryRow h : r.executions()) {
      ObjectNode n = rows.addObject();
      n.put("executionId", h.executionId().toString());
      n.put("createdAt", h.createdAt().toString());
      h.finishedAt().ifPresent(t -> n.put("finishedAt", t.toString()));
      n.put("status", h.status().name());
      n.put("bytes", h.bytes());
      n.put("files", h.files());
      n.put("duration", h.duration().toString());
      n.put("copiesSucceeded", h.copiesSucceeded());
      n.put("copies", h.copies());
      h.error().ifPresent(e -> n.put("error", e));
    }
    ArrayNode verifications = root.putArray("verifications");
    for (VerificationEvidence v : r.verifications()) {
      ObjectNode n = verifications.addObject();
      n.put("id", v.id());
      n.put("restorePoint", v.verification().executionId().toString());
      n.put("level", v.verification().level().name());
      n.put("trigger", v.trigger().name());
      n.put("sample", (v.sample().slice() + 1) + "/" + v.sample().of());
      n.put("startedAt", v.verification().startedAt().toString());
      n.put("finishedAt", v.verification().finishedAt().toString());
      n.put("passed", v.passed());
      ArrayNode copies = n.putArray("copies");
      for (CopyVerification c : v.verification().copies()) {
        ObjectNode o = copies.addObject();
        o.put("copy", c.copyName());
        o.put("filesChecked", c.report().filesChecked());
        o.put("passed", c.passed());
        c.error().ifPresent(e -> o.put("error", e));
        ArrayNode problems = o.putArray("problems");
        for (IntegrityProblem p : c.report().problems()) {
          problems.addObject().put("path", p.path()).put("kind", p.kind().name()).put("detail", p.detail());
        }
      }
    }
    jobCompliance(root.putObject("compliance"), r.compliance());
  }
}
