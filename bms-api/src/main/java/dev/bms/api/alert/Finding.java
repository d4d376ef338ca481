package dev.bms.api.alert;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.util.Objects;

/**
 * One anomaly found in a finished execution, compared with the job's baseline.
 *
 * <p>The score says how far outside the usual the observation is: for size, file count and duration
 * the distance from the baseline's median in robust standard deviations (1.4826 × MAD, on a log
 * scale for bytes and files); for shares (changed files, unusual extensions, encrypted-looking
 * content) the share itself in percent points above the usual. A finding exists only when its
 * score passed the kind's threshold; {@code docs/anomalies.md} lists them. For the forecasts
 * ({@link FindingKind#forecast()}) the score is their urgency: for a duration trend or a target
 * filling up, the forecast horizon in days divided by the days left (1 at the horizon, 30 when the
 * limit is a day away); for success-rate drift the drop in percent points; for an RPO at risk the
 * hours by which the next expected success would miss the RPO.
 *
 * @param kind what was found
 * @param jobId the job
 * @param executionId the execution it was found in
 * @param score how far outside the baseline, at least 0
 * @param explanation one plain-language sentence, e.g. "wrote 41.0 GB, usual 2.1–2.6 GB for Monday nights"
 * @param subject what within the job the finding is about: the target id ({@code type:hash}, as in
 *     the {@code bms.target} alert label) for per-target forecasts, empty for the job as a whole
 * @since 0.3.0
 */
public record Finding(FindingKind kind, JobId jobId, ExecutionId executionId, double score, String explanation,
                      String subject) {
  public Finding {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(explanation, "explanation");
    if (!(score >= 0) || Double.isInfinite(score)) {
      throw new IllegalArgumentException("score must be finite and not negative: " + score);
    }
  }

  /** A finding about the job as a whole (no {@link #subject()}). */
  public Finding(FindingKind kind, JobId jobId, ExecutionId executionId, double score, String explanation) {
    this(kind, jobId, executionId, score, explanation, "");
  }
}
