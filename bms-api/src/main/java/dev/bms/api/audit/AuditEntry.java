package dev.bms.api.audit;

import dev.bms.api.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one audit record says, before the storage places it in the hash chain.
 *
 * @param at when the call ended, truncated to microseconds (what storage keeps)
 * @param actor who made the call
 * @param operation the operation, e.g. {@code jobs.update}
 * @param resource what it acted on
 * @param outcome how it ended
 * @param detail the refusal's or failure's message, empty on success
 * @param diff a JSON object of the fields that changed, {@code {"path":{"from":..,"to":..}}}, with
 *     secrets redacted; {@code {}} when nothing changed
 * @since 0.2.0
 */
public record AuditEntry(Instant at, Actor actor, String operation, ResourceRef resource, AuditOutcome outcome,
                         String detail, String diff) {
  public AuditEntry {
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(diff, "diff");
  }
}
