package dev.bms.core.internal.report;

import dev.bms.api.model.Inputs;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.AlertService;
import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.SeverityAckStats;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.VerdictPage;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.Severity;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.report.AckRow;
import dev.bms.api.report.AlertAckReport;
import dev.bms.api.report.ComplianceReport;
import dev.bms.api.report.DashboardSummary;
import dev.bms.api.report.HistoryRow;
import dev.bms.api.report.JobHistoryReport;
import dev.bms.api.report.Report;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.report.ReportService;
import dev.bms.api.report.RuleComplianceRow;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.api.report.SuccessRateRow;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.compliance.DefaultComplianceService;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.storage.OutcomeCount;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the typed reports from storage aggregations and compliance, and renders them. */
@Singleton
public final class DefaultReportService implements ReportService {
  /** At most this many buckets per success-rate report (a year of days). */
  static final int MAX_BUCKETS = 366;
  static final String NO_ALERTS = "no alert was raised in the period";

  private final Storage storage;
  private final JobService jobs;
  private final DefaultComplianceService compliance;
  private final AlertService alerts;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final RollupRefresher rollups;
  private final RollupReports fromRollups;

  @Inject
  public DefaultReportService(Storage storage, JobService jobs, DefaultComplianceService compliance, AlertService alerts,
                              Clock clock, Lifecycle lifecycle, RollupRefresher rollups) {
    this.rollups = rollups;
    this.fromRollups = new RollupReports(storage, rollups, compliance);
    this.alerts = alerts;
    this.storage = storage;
    this.jobs = jobs;
    this.compliance = compliance;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public SuccessRateReport successRate(Instant from, Instant to, ReportBucket bucket, double target) {
    requireRange(from, to);
    Inputs.requireArgument("bucket", bucket);
    requireRate(target);
    lifecycle.requireRunning();
    Duration length = bucket.length();
    long buckets = (Duration.between(from, to).toNanos() + length.toNanos() - 1) / length.toNanos();
    if (buckets > MAX_BUCKETS) {
      throw new InvalidRequestException("to: " + from + " to " + to + " spans " + buckets + " " + bucket
          + " buckets, more than " + MAX_BUCKETS);
    }
    long[][] counts = new long[(int) buckets][3];
    for (OutcomeCount c : RequiredStores.reports(storage).outcomeCounts(from, to, length)) {
      if (c.bucket() < 0 || c.bucket() >= buckets) {
        continue;
      }
      switch (c.status()) {
        case SUCCEEDED -> counts[c.bucket()][0] += c.count();
        case PARTIAL -> counts[c.bucket()][1] += c.count();
        case CANCELLED -> { } // cancelled on request: neither success nor failure
        default -> counts[c.bucket()][2] += c.count();
      }
    }
    List<SuccessRateRow> rows = new ArrayList<>();
    long[] total = new long[3];
    for (int i = 0; i < buckets; i++) {
      Instant start = from.plus(length.multipliedBy(i));
      Instant end = min(start.plus(length), to);
      long[] c = counts[i];
      rows.add(new SuccessRateRow(bucket.label() + " " + (i + 1), start, end, c[0] + c[1] + c[2], c[0], c[1], c[2]));
      for (int k = 0; k < 3; k++) {
        total[k] += c[k];
      }
    }
    SuccessRateRow sum = new SuccessRateRow("Total", from, to, total[0] + total[1] + total[2], total[0], total[1], total[2]);
    return new SuccessRateReport(from, to, bucket, rows, sum, target, now());
  }

  @Override
  public SuccessRateReport successRate(LocalDate firstDay, LocalDate lastDay, ZoneId zone, ReportBucket bucket,
                                       double target) {
    Inputs.requireDate("firstDay", firstDay);
    Inputs.requireDate("lastDay", lastDay);
    Inputs.requireArgument("zone", zone);
    Inputs.requireArgument("bucket", bucket);
    requireRate(target);
    lifecycle.requireRunning();
    return fromRollups.successRate(firstDay, lastDay, zone, bucket, target, now());
  }

  @Override
  public DashboardSummary summary(ZoneId zone) {
    Inputs.requireArgument("zone", zone);
    lifecycle.requireRunning();
    return fromRollups.summary(zone, now());
  }

  @Override
  public long rebuildRollups() {
    lifecycle.requireRunning();
    rollups.flush();
    return RequiredStores.reports(storage).rebuildRollups();
  }

  @Override
  public ComplianceReport compliance(double target) {
    requireRate(target);
    lifecycle.requireRunning();
    // the stored verdicts: a report is a read and evaluates nothing
    ComplianceCounts counts = compliance.counts();
    List<JobCompliance> all = new ArrayList<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (request != null) {
      VerdictPage page = compliance.verdicts(request);
      all.addAll(page.items());
      request = page.nextCursor().map(c -> PageRequest.after(c, PageRequest.MAX_LIMIT)).orElse(null);
    }
    return new ComplianceReport(counts.rules(), counts.overall(), all, target, now());
  }

  @Override
  public AlertAckReport alertAcknowledgements(Instant from, Instant to) {
    requireRange(from, to);
    lifecycle.requireRunning();
    AckSlaReport sla = alerts.slaReport(from, to);
    List<AckRow> rows = new ArrayList<>();
    for (SeverityAckStats s : sla.bySeverity()) {
      rows.add(new AckRow(s.severity(), s.raised(), s.acknowledged(), s.withinSla(), s.p50(), s.p95(), s.sla()));
    }
    if (rows.stream().allMatch(r -> r.alerts() == 0)) {
      return new AlertAckReport(from, to, List.of(), Optional.of(NO_ALERTS), now());
    }
    return new AlertAckReport(from, to, rows, Optional.empty(), now());
  }

  @Override
  public JobHistoryReport jobHistory(JobId jobId, Instant from, Instant to) {
    Inputs.requireArgument("jobId", jobId);
    requireRange(from, to);
    lifecycle.requireRunning();
    Job job = jobs.get(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    List<HistoryRow> rows = storage.executions()
        .list(ExecutionFilter.forJob(jobId).createdBetween(from, to), PageRequest.first(PageRequest.MAX_LIMIT))
        .items().stream().map(DefaultReportService::row).toList();
    List<VerificationEvidence> verifications = RequiredStores.verifications(storage).forJob(jobId, 1000).stream()
        .filter(v -> !v.verification().finishedAt().isBefore(from) && v.verification().finishedAt().isBefore(to))
        .toList();
    JobCompliance now = compliance.evaluate(jobId);
    return new JobHistoryReport(jobId, job.name(), from, to, rows, verifications, now, now());
  }

  @Override
  public String render(Report report, ReportFormat format) {
    Inputs.requireArgument("report", report);
    Inputs.requireArgument("format", format);
    return switch (format) {
      case JSON -> ReportJson.render(report);
      case CSV -> ReportCsv.render(report);
      case HTML -> ReportHtml.render(report);
    };
  }

  private static HistoryRow row(Execution e) {
    int ok = (int) e.copies().stream().filter(CopyResult::succeeded).count();
    return new HistoryRow(e.id(), e.createdAt(), e.finishedAt(), e.status(), e.bytes(), e.files(), e.duration(), ok,
        e.copies().size(), e.error());
  }

  private static void requireRange(Instant from, Instant to) {
    Inputs.requireInstant("from", from);
    Inputs.requireInstant("to", to);
    if (!from.isBefore(to)) {
      throw new InvalidRequestException("from: " + from + " must be before to: " + to);
    }
  }

  private static void requireRate(double target) {
    if (!(target >= 0 && target <= 1)) {
      throw new InvalidRequestException("target: " + target + " must be a fraction between 0 and 1");
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
