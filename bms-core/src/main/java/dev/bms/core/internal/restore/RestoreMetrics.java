package dev.bms.core.internal.restore;

import dev.bms.api.model.Job;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreExecution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** {@code bms.restores} (job, status), {@code bms.restore.duration} (job, status), {@code bms.restore.bytes} (job, target). */
@Singleton
public final class RestoreMetrics {
  private final MeterRegistry registry;

  @Inject
  public RestoreMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void finished(Job job, RestoreExecution restore) {
    String status = restore.status().name();
    Counter.builder("bms.restores").description("Finished restores")
        .tag("job", job.name()).tag("status", status).register(registry).increment();
    Timer.builder("bms.restore.duration").description("Restore run time")
        .tag("job", job.name()).tag("status", status).register(registry).record(restore.duration());
    for (CopyUsage u : restore.copies()) {
      Counter.builder("bms.restore.bytes").description("Bytes restored, by the target they were read from")
          .baseUnit("bytes").tag("job", job.name()).tag("target", u.targetType()).register(registry).increment(u.bytes());
    }
  }
}
