package dev.bms.core.internal.metrics;

import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.VerificationLevel;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * Micrometer observations of executions, copies, verifications and restores, in the registry the
 * application gave ({@link ObservationRegistry#NOOP} by default, which costs nothing). With a tracing
 * handler each becomes a span: a managed execution's span is the parent of one span per copy.
 * Low-cardinality keys (mode, target type, level, status) may become metric tags; ids are high-cardinality.
 */
@Singleton
public final class Observations {
  private final ObservationRegistry registry;

  @Inject
  public Observations(Telemetry telemetry) {
    this.registry = telemetry.observations();
  }

  /** A managed execution's observation, not started. */
  public Observation execution(Job job, Execution execution) {
    return Observation.createNotStarted("bms.execution", registry)
        .contextualName("bms execution " + job.name())
        .lowCardinalityKeyValue("bms.mode", execution.mode().name())
        .lowCardinalityKeyValue("bms.trigger", execution.trigger().name())
        .highCardinalityKeyValue("bms.job", job.id().toString())
        .highCardinalityKeyValue("bms.job.name", job.name())
        .highCardinalityKeyValue("bms.execution", execution.id().toString());
  }

  /** One copy of an execution, a child of {@code parent}; started. */
  public Observation copy(CopySpec spec, Observation parent) {
    return Observation.createNotStarted("bms.copy", registry)
        .contextualName("bms copy " + spec.name())
        .parentObservation(parent)
        .lowCardinalityKeyValue("bms.target", spec.targetType())
        .highCardinalityKeyValue("bms.copy", spec.name())
        .start();
  }

  /** Runs a verification of a restore point inside its observation. */
  public <T> T verification(ExecutionId point, VerificationLevel level, Supplier<T> work) {
    return Observation.createNotStarted("bms.verification", registry)
        .contextualName("bms verification " + level.name().toLowerCase(java.util.Locale.ROOT))
        .lowCardinalityKeyValue("bms.level", level.name())
        .highCardinalityKeyValue("bms.execution", point.toString())
        .observe(work);
  }

  /** Runs a restore inside its observation. */
  public <T> T restore(Job job, String restoreId, Supplier<T> work) {
    return Observation.createNotStarted("bms.restore", registry)
        .contextualName("bms restore " + job.name())
        .highCardinalityKeyValue("bms.job", job.id().toString())
        .highCardinalityKeyValue("bms.restore", restoreId)
        .observe(work);
  }
}
