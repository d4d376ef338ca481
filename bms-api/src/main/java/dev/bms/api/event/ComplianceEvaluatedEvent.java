package dev.bms.api.event;

import dev.bms.api.model.Job;
import dev.bms.api.model.RuleResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job was evaluated against its compliance rules (3-2-1-1-0 and custom rules).
 *
 * @param job the job
 * @param results one verdict per rule
 * @param at when it was evaluated
 * @since 0.1.0
 */
public record ComplianceEvaluatedEvent(Job job, List<RuleResult> results, Instant at) implements BmsEvent {
  public ComplianceEvaluatedEvent {
    Objects.requireNonNull(job, "job");
    results = List.copyOf(results);
    Objects.requireNonNull(at, "at");
  }
}
