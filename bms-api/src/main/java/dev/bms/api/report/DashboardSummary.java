package dev.bms.api.report;

import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * What a dashboard shows at a glance, read from stored state (rollups, stored compliance verdicts,
 * alerts) in a fixed number of queries whatever the number of jobs: see
 * {@link ReportService#summary(ZoneId)}.
 *
 * @param jobs every job
 * @param jobsByLastStatus jobs per status of their newest finished execution; jobs that never
 *     finished one are in none of them (see {@link #jobsNeverFinished()})
 * @param firingAlerts alerts in state FIRING (not acknowledged) per severity, every severity present
 * @param compliance stored compliance verdicts per rule and overall
 * @param today success of the executions finished today (the calendar day of {@code zone})
 * @param thisWeek success of the executions finished this week, Monday to today in {@code zone}
 * @param zone the time zone of "today" and "this week"
 * @param generatedAt when
 * @since 0.1.0
 */
public record DashboardSummary(long jobs, Map<ExecutionStatus, Long> jobsByLastStatus,
                               Map<Severity, Long> firingAlerts, ComplianceCounts compliance, SuccessRateRow today,
                               SuccessRateRow thisWeek, ZoneId zone, Instant generatedAt) {
  public DashboardSummary {
    jobsByLastStatus = Map.copyOf(jobsByLastStatus);
    firingAlerts = Map.copyOf(firingAlerts);
    Objects.requireNonNull(compliance, "compliance");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(thisWeek, "thisWeek");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  /** Jobs that never finished an execution. */
  public long jobsNeverFinished() {
    return Math.max(0, jobs - jobsByLastStatus.values().stream().mapToLong(Long::longValue).sum());
  }

  /** Every firing alert. */
  public long firingAlertCount() {
    return firingAlerts.values().stream().mapToLong(Long::longValue).sum();
  }
}
