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
 * score passed the kind's threshold; {@code docs/anomalies.md} lists them.
 *
 * @param kind what was found
 * @param jobId the job
 * @param executionId the execution it was found in
 * @param score how far outside the baseline, at least 0
 * @param explanation one plain-language sentence, e.g. "wrote 41.0 GB, usual 2.1–2.6 GB for Monday nights"
 * @since 0.3.0
 */
public record Finding(FindingKind kind, JobId jobId, ExecutionId executionId, double score, String explanation) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(explanation, "explanation");
    if (!(score >= 0) || Double.isInfinite(score)) {
      throw new IllegalArgumentException("score must be finite and not negative: " + score);
    }
  }
}
