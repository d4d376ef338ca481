package dev.bms.api.event;

import dev.bms.api.alert.Finding;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished execution was compared with its job's baseline and something was found; published
 * after {@link ExecutionFinishedEvent}, only when {@code findings} is not empty.
 *
 * @param job the job
 * @param execution the finished execution
 * @param findings what was found, at least one
 * @param at when
 * @since 0.3.0
 */
public record AnomaliesFoundEvent(Job job, Execution execution, List<Finding> findings, Instant at)
    implements BmsEvent {
  public AnomaliesFoundEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(execution, "execution");
    findings = List.copyOf(findings);
    Objects.requireNonNull(at, "at");
  }
}
