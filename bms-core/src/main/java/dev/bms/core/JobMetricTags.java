package dev.bms.core;

import dev.bms.api.InvalidConfigException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which job dimension bms's meters carry, so that the number of time series stays bounded however
 * many jobs there are. {@link #none()} (the default) tags no meter by job: the scrape has the same
 * size at 10 jobs and at 100,000. {@link #byLabel(String)} tags by the value of one job label (a team,
 * a tier: bounded by the values in use). {@link #perJob()} tags by job name, for a few dozen jobs.
 * Meters of jobs (or label values) that no longer exist are removed at the next gauge refresh.
 *
 * @param mode which dimension
 * @param label the job label whose value is the tag, with {@link Mode#BY_LABEL}
 * @since 0.1.0
 */
public record JobMetricTags(Mode mode, Optional<String> label) {
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

  /** The job dimension of meters. */
  public enum Mode {
    /** No job tag. */
    NONE,
    /** Tag {@code job}: the job's name. */
    PER_JOB,
    /** Tag {@code job.group}: the value of one job label ({@code unlabelled} for jobs without it). */
    BY_LABEL
  }

  public JobMetricTags {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(label, "label");
    if (mode == Mode.BY_LABEL && (label.isEmpty() || !LABEL_KEY.matcher(label.get()).matches())) {
      throw new InvalidConfigException("bms", List.of("jobMetricTags.label: '" + label.orElse("")
          + "' must be a job label key matching " + LABEL_KEY.pattern()));
    }
    if (mode != Mode.BY_LABEL && label.isPresent()) {
      throw new InvalidConfigException("bms", List.of("jobMetricTags.label: only with mode BY_LABEL, not " + mode));
    }
  }

  /** No job tag (the default). */
  public static JobMetricTags none() {
    return new JobMetricTags(Mode.NONE, Optional.empty());
  }

  /** One series per job, tag {@code job}: only for a bounded, small number of jobs. */
  public static JobMetricTags perJob() {
    return new JobMetricTags(Mode.PER_JOB, Optional.empty());
  }

  /** One series per value of the job label {@code label}, tag {@code job.group}. */
  public static JobMetricTags byLabel(String label) {
    return new JobMetricTags(Mode.BY_LABEL, Optional.ofNullable(label));
  }

  /**
   * Parses a setting: {@code none}, {@code per-job} or {@code label:<key>} (case-insensitive mode).
   *
   * @throws InvalidConfigException naming the setting when {@code text} is none of these
   */
  public static JobMetricTags parse(String text) {
    String t = Objects.requireNonNull(text, "text").trim();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("none")) {
      return none();
    }
    if (lower.equals("per-job") || lower.equals("per_job")) {
      return perJob();
    }
    if (lower.startsWith("label:")) {
      return byLabel(t.substring("label:".length()).trim());
    }
    throw new InvalidConfigException("bms", List.of("jobMetricTags: '" + text
        + "' must be none, per-job or label:<job label key>"));
  }
}
