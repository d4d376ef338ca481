package dev.bms.api.report;

import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One job's history: its executions in a period, its stored verifications and its compliance now.
 *
 * @param jobId the job
 * @param jobName its name
 * @param from start of the period
 * @param to end (exclusive)
 * @param executions newest first
 * @param verifications newest first
 * @param compliance the job's verdicts at generation time
 * @param generatedAt when
 * @since 0.1.0
 */
public record JobHistoryReport(JobId jobId, String jobName, Instant from, Instant to, List<HistoryRow> executions,
                               List<VerificationEvidence> verifications, JobCompliance compliance,
                               Instant generatedAt) implements Report {
  public JobHistoryReport {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    executions = List.copyOf(executions);
    verifications = List.copyOf(verifications);
    Objects.requireNonNull(compliance, "compliance");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  @Override
  public String title() {
    return "Job history: " + jobName;
  }
}
