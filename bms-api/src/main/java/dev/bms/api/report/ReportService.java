package dev.bms.api.report;

import dev.bms.api.model.JobId;
import java.time.Instant;

/**
 * Reports shaped like an operations review (success rate per period, 3-2-1-1-0 compliance per rule,
 * alert acknowledgement times against SLA, one job's history). Each is a typed record that
 * {@link #render} turns into JSON, CSV or a self-contained HTML page with inline SVG charts.
 * {@code docs/reports.md} describes every figure.
 *
 * @since 0.1.0
 */
public interface ReportService {

  /** Default success-rate target: 95 %. */
  double DEFAULT_TARGET = 0.95;

  /**
   * Success rate of terminal executions (cancelled ones excluded) per day or week of
   * {@code [from, to)}, counted by finish time; buckets are fixed 24-hour or 7-day periods from
   * {@code from}.
   */
  SuccessRateReport successRate(Instant from, Instant to, ReportBucket bucket, double target);

  /**
   * Compliance per rule and overall, against a target share of compliant jobs, from the stored
   * verdicts ({@link dev.bms.api.ComplianceService#counts()}); evaluates nothing, so jobs never
   * evaluated yet are not in it.
   */
  ComplianceReport compliance(double target);

  /**
   * Time from an alert to its acknowledgement per severity over {@code [from, to)} (median, p95,
   * share within SLA), from {@link dev.bms.api.AlertService#slaReport}; the SLA per severity is the
   * alerting configuration's. Says "no data" when no alert was raised in the period.
   */
  AlertAckReport alertAcknowledgements(Instant from, Instant to);

  /** One job's executions in {@code [from, to)} (newest first, at most 10,000), verifications and compliance now. */
  JobHistoryReport jobHistory(JobId jobId, Instant from, Instant to);

  /** Renders a report. HTML is one self-contained XHTML page: inline CSS and SVG, no external resources. */
  String render(Report report, ReportFormat format);
}
