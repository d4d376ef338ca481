package dev.bms.api.report;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.JobId;
import dev.bms.api.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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
  @NotAudited("read")
  SuccessRateReport successRate(Instant from, Instant to, ReportBucket bucket, double target);

  /**
   * Success rate per calendar day (or week of 7 calendar days from {@code firstDay}) of
   * {@code [firstDay, lastDay]} in {@code zone}, counted by finish time, read from the execution
   * rollups rather than the executions (so it costs the same whatever the number of executions).
   * A day is the zone's calendar day, from midnight to midnight: 23 or 25 hours across a DST change,
   * not a rolling 24 hours. Rollups are kept per 15-minute slot, so every zone's days are exact.
   * Executions recorded by this instance are counted at once; those of other instances within about
   * 2 seconds.
   *
   * @throws InvalidRequestException when {@code lastDay} is before {@code firstDay}, the range spans
   *     more than 366 days, or the target is not between 0 and 1
   */
  @NotAudited("read")
  SuccessRateReport successRate(LocalDate firstDay, LocalDate lastDay, ZoneId zone, ReportBucket bucket,
                                double target);

  /**
   * The dashboard's figures from stored state: jobs by the status of their newest finished
   * execution, firing alerts per severity, stored compliance verdicts per rule, and the success rate
   * of today and this week (Monday to today) in {@code zone}. Four queries whatever the number of
   * jobs, alerts or executions; evaluates nothing and writes no alert.
   */
  @NotAudited("read")
  DashboardSummary summary(ZoneId zone);

  /**
   * Recomputes every execution rollup from the executions: for data written before rollups existed
   * (or by a version without them). Returns the number of per-job rollup rows written. Safe to run
   * while executions finish (each refresh recomputes its slots); a long operation on large histories.
   */
  @Audited(operation = "reports.rebuildRollups", resource = "rollups")
  long rebuildRollups();

  /**
   * Compliance per rule and overall, against a target share of compliant jobs, from the stored
   * verdicts ({@link dev.bms.api.ComplianceService#counts()}); evaluates nothing, so jobs never
   * evaluated yet are not in it.
   */
  @NotAudited("read")
  ComplianceReport compliance(double target);

  /**
   * Time from an alert to its acknowledgement per severity over {@code [from, to)} (median, p95,
   * share within SLA), from {@link dev.bms.api.AlertService#slaReport}; the SLA per severity is the
   * alerting configuration's. Says "no data" when no alert was raised in the period.
   */
  @NotAudited("read")
  AlertAckReport alertAcknowledgements(Instant from, Instant to);

  /** One job's executions in {@code [from, to)} (newest first, at most 10,000), verifications and compliance now. */
  @NotAudited("read")
  JobHistoryReport jobHistory(JobId jobId, Instant from, Instant to);

  /** Renders a report. HTML is one self-contained XHTML page: inline CSS and SVG, no external resources. */
  @NotAudited("formats a report in memory")
  String render(Report report, ReportFormat format);
}
