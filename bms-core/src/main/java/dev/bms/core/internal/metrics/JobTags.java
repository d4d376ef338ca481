package dev.bms.core.internal.metrics;

import dev.bms.api.model.Job;
import dev.bms.core.JobMetricTags;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job dimension of bms's meters, as configured ({@link JobMetricTags}): which tag a job's
 * meters carry, and the sweep that removes the meters of jobs (or label values) gone since.
 */
@Singleton
public final class JobTags {
  /** The tag value of jobs without the label, with {@link JobMetricTags.Mode#BY_LABEL}. */
  static final String UNLABELLED = "unlabelled";

  private final JobMetricTags setting;
  private final MeterRegistry registry;

  @Inject
  public JobTags(Telemetry telemetry, MeterRegistry registry) {
    this.setting = telemetry.jobTags();
    this.registry = registry;
  }

  /** The tag key, if meters carry one. */
  public Optional<String> key() {
    return switch (setting.mode()) {
      case NONE -> Optional.empty();
      case PER_JOB -> Optional.of("job");
      case BY_LABEL -> Optional.of("job.group");
    };
  }

  /** The tag value of a job (meaningless with no key). */
  public String value(Job job) {
    return switch (setting.mode()) {
      case NONE -> "";
      case PER_JOB -> job.name();
      case BY_LABEL -> job.definition().labels().getOrDefault(setting.label().get(), UNLABELLED);
    };
  }

  /** The job's tags: none, or the one job dimension. */
  public Tags of(Job job) {
    return key().map(k -> Tags.of(k, value(job))).orElse(Tags.empty());
  }

  /** Whether the job's name (per job) or label value (by label) is the tag of a job. */
  public Set<String> valuesOf(Collection<Job> jobs) {
    return jobs.stream().map(this::value).collect(Collectors.toSet());
  }

  /**
   * Removes every bms meter whose job tag is not among {@code live} (the values of the jobs that
   * exist now), so deleted and renamed jobs do not stay in the scrape. Returns how many went.
   */
  public int removeAllBut(Set<String> live) {
    if (key().isEmpty()) {
      return 0;
    }
    String k = key().get();
    int removed = 0;
    for (Meter m : registry.getMeters()) {
      String v = m.getId().getTag(k);
      if (v != null && m.getId().getName().startsWith("bms.") && !live.contains(v)) {
        registry.remove(m);
        removed++;
      }
    }
    return removed;
  }
}
