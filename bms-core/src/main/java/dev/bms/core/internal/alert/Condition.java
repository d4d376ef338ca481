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

  /**
   * The problem holds.
   *
   * @param lasting true when the event restates a lasting state (a compliance rule still failing, an
   *     RPO still breached) rather than reporting a new occurrence: seen again while its alert is
   *     open, it changes nothing (no count, no history), so alerts follow changes of state, never
   *     re-evaluations or views
   */
  record Raise(AlertRule rule, Optional<Job> job, String key, String title, String detail,
               Map<String, String> extraLabels, boolean lasting) implements Condition {
    /** A new occurrence of the problem: counted on its open alert. */
    Raise(AlertRule rule, Optional<Job> job, String key, String title, String detail,
          Map<String, String> extraLabels) {
      this(rule, job, key, title, detail, extraLabels, false);
    }

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
