package dev.bms.core.internal.metrics;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The event-driven meters of executions and verifications: counts, durations and bytes, tagged by
 * status, mode, target and the configured job dimension ({@link JobTags}: none by default). State
 * gauges (jobs by status, queue, alerts, compliance) live in {@link StateGauges}, computed from
 * storage so they are right after a restart.
 */
@Singleton
public final class BmsMetrics {
  /**
   * Service-level buckets of {@code bms.execution.duration}, so that Prometheus computes
   * percentiles ({@code histogram_quantile}) across instances: from a second to a day.
   */
  static final Duration[] DURATION_SLOS = {
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)};

  private final MeterRegistry registry;
  private final JobTags jobTags;

  @Inject
  public BmsMetrics(MeterRegistry registry, JobTags jobTags) {
    this.registry = registry;
    this.jobTags = jobTags;
  }

  /** Records a finished execution and each of its copies. */
  public void executionFinished(Job job, Execution execution) {
    String status = execution.status().name();
    Tags byJob = jobTags.of(job);
    Counter.builder("bms.executions")
        .description("Finished executions")
        .tags(byJob)
        .tag("status", status)
        .tag("mode", execution.mode().name())
        .register(registry)
        .increment();
    // never per job name: buckets times jobs would be the largest part of the scrape
    Timer.builder("bms.execution.duration")
        .description("Execution run time, with service-level buckets")
        .tags(jobTags.key().filter(k -> !k.equals("job")).isPresent() ? byJob : Tags.empty())
        .tag("status", status)
        .serviceLevelObjectives(DURATION_SLOS)
        .register(registry)
        .record(execution.duration());
    for (CopyResult copy : execution.copies()) {
      Counter.builder("bms.copies")
          .description("Copies written, by outcome")
          .tag("target", copy.targetType())
          .tag("status", copy.status().name())
          .register(registry)
          .increment();
      if (copy.succeeded()) {
        Counter.builder("bms.backup.bytes")
            .description("Bytes written to targets")
            .baseUnit("bytes")
            .tags(byJob)
            .tag("target", copy.targetType())
            .register(registry)
            .increment(copy.bytes());
      }
    }
  }

  /** Records a finished verification: its level and whether it passed. */
  public void verificationFinished(Verification verification) {
    Counter.builder("bms.verifications")
        .description("Verifications of restore points, by level and result")
        .tag("level", verification.level().name())
        .tag("result", verification.passed() ? "PASSED" : "FAILED")
        .register(registry)
        .increment();
  }
}
