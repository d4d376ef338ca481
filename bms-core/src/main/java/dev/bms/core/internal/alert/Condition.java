package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import dev.bms.api.model.Job;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule concluded from one event: a problem holds ({@link Raise}) or has cleared
 * ({@link Clear}). The fingerprint (rule, job, key) names the problem.
 */
sealed interface Condition {

  AlertRule rule();

  Optional<Job> job();

  /** Distinguishes problems of one rule and job, e.g. a compliance rule id or a target; may be empty. */
  String key();

  /** The deduplication key. */
  default String fingerprint() {
    return Fingerprints.of(rule(), job().map(j -> j.id().toString()).orElse(""), key());
  }

  /** The problem holds. */
  record Raise(AlertRule rule, Optional<Job> job, String key, String title, String detail,
               Map<String, String> extraLabels) implements Condition {
    public Raise {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(detail, "detail");
      extraLabels = Map.copyOf(extraLabels);
    }
  }

  /** The problem cleared. */
  record Clear(AlertRule rule, Optional<Job> job, String key, String why) implements Condition {
    public Clear {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(why, "why");
    }
  }
}
