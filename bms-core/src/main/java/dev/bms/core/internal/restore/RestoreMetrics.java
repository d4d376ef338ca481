package dev.bms.core.internal.restore;

import dev.bms.api.model.Job;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.core.internal.metrics.JobTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * {@code bms.restores} (status), {@code bms.restore.duration} (status), {@code bms.restore.bytes}
 * (target), each also tagged with the configured job dimension ({@link JobTags}).
 */
@Singleton
public final class RestoreMetrics {
  private final MeterRegistry registry;
  private final JobTags jobTags;

  @Inject
  public RestoreMetrics(MeterRegistry registry, JobTags jobTags) {
    this.registry = registry;
    this.jobTags = jobTags;
  }

  void finished(Job job, RestoreExecution restore) {
    String status = restore.status().name();
    Tags byJob = jobTags.of(job);
    Counter.builder("bms.restores").description("Finished restores")
        .tags(byJob).tag("status", status).register(registry).increment();
    Timer.builder("bms.restore.duration").description("Restore run time")
        .tags(byJob).tag("status", status).register(registry).record(restore.duration());
    for (CopyUsage u : restore.copies()) {
      Counter.builder("bms.restore.bytes").description("Bytes restored, by the target they were read from")
          .baseUnit("bytes").tags(byJob).tag("target", u.targetType()).register(registry).increment(u.bytes());
    }
  }
}
