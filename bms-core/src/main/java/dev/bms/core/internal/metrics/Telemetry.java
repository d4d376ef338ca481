package dev.bms.core.internal.metrics;

import dev.bms.core.JobMetricTags;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * How bms reports on itself beyond the meter registry: the job dimension of meters and where
 * observations (traces) go ({@link ObservationRegistry#NOOP} unless the application gives one).
 */
public record Telemetry(JobMetricTags jobTags, ObservationRegistry observations) {
  public Telemetry {
    Objects.requireNonNull(jobTags, "jobTags");
    Objects.requireNonNull(observations, "observations");
  }

  /** No job tags, no observations. */
  public static Telemetry defaults() {
    return new Telemetry(JobMetricTags.none(), ObservationRegistry.NOOP);
  }
}
