package dev.bms.core.internal.metrics;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The event-driven meters of executions: counts, durations and bytes, tagged by job, status and
 * target. State gauges (jobs by status, time since last success) live in {@link StateGauges},
 * computed from storage so they are right after a restart.
 */
@Singleton
public final class BmsMetrics {
  private final MeterRegistry registry;

  @Inject
  public BmsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records a finished execution and each of its copies. */
  public void executionFinished(Job job, Execution execution) {
    String status = execution.status().name();
    Counter.builder("bms.executions")
        .description("Finished executions")
        .tag("job", job.name())
        .tag("status", status)
        .tag("mode", execution.mode().name())
        .register(registry)
        .increment();
    Timer.builder("bms.execution.duration")
        .description("Execution run time")
        .tag("job", job.name())
        .tag("status", status)
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
            .tag("job", job.name())
            .tag("target", copy.targetType())
            .register(registry)
            .increment(copy.bytes());
      }
    }
  }
}
