package dev.bms.api.audit;

import java.time.Instant;
import dev.bms.api.model.Inputs;
import java.util.Optional;

/**
 * Which audit records to list. Absent values do not filter; present ones must all match.
 *
 * @param from only records at or after this instant
 * @param to only records before this instant
 * @param actorId only records of this actor id
 * @param operation only this operation, e.g. {@code jobs.delete}
 * @param resourceType only records about resources of this type
 * @param resourceId only records about the resource with this id
 * @param outcome only records with this outcome
 * @param text full-text search over the record's operation, resource, actor, detail and diff: on
 *     PostgreSQL every word must occur (its full-text search, {@code plainto_tsquery('simple', ..)},
 *     indexed); on H2 every whitespace-separated term must occur as a case-insensitive substring
 * <p>Text values are single lines of at most 200 characters; instants are in years 1 to 9999. A bad
 * value is an {@link dev.bms.api.InvalidRequestException} naming the field.
 *
 * @since 0.2.0
 */
public record AuditFilter(Optional<Instant> from, Optional<Instant> to, Optional<String> actorId,
                          Optional<String> operation, Optional<String> resourceType, Optional<String> resourceId,
                          Optional<AuditOutcome> outcome, Optional<String> text) {
  public AuditFilter {
    Inputs.requireArgument("filter.from", from).ifPresent(v -> Inputs.requireInstant("filter.from", v));
    Inputs.requireArgument("filter.to", to).ifPresent(v -> Inputs.requireInstant("filter.to", v));
    line("filter.actorId", actorId);
    line("filter.operation", operation);
    line("filter.resourceType", resourceType);
    line("filter.resourceId", resourceId);
    Inputs.requireArgument("filter.outcome", outcome);
    line("filter.text", text);
    text = text.map(String::strip).filter(t -> !t.isEmpty());
  }

  private static void line(String name, Optional<String> value) {
    Inputs.requireArgument(name, value).ifPresent(v -> Inputs.requireLine(name, v, Inputs.MAX_NAME_LENGTH));
  }

  /** Every record. */
  public static AuditFilter all() {
    Optional<String> none = Optional.empty();
    return new AuditFilter(Optional.empty(), Optional.empty(), none, none, none, none, Optional.empty(), none);
  }

  /** Records in {@code [from, to)}. */
  public AuditFilter between(Instant newFrom, Instant newTo) {
    return new AuditFilter(Optional.of(newFrom), Optional.of(newTo), actorId, operation, resourceType, resourceId,
        outcome, text);
  }

  /** Records of one actor. */
  public AuditFilter withActor(String id) {
    return new AuditFilter(from, to, Optional.of(id), operation, resourceType, resourceId, outcome, text);
  }

  /** Records of one operation. */
  public AuditFilter withOperation(String op) {
    return new AuditFilter(from, to, actorId, Optional.of(op), resourceType, resourceId, outcome, text);
  }

  /** Records about one resource. */
  public AuditFilter withResource(String type, String id) {
    return new AuditFilter(from, to, actorId, operation, Optional.of(type), Optional.of(id), outcome, text);
  }

  /** Records about resources of one type. */
  public AuditFilter withResourceType(String type) {
    return new AuditFilter(from, to, actorId, operation, Optional.of(type), resourceId, outcome, text);
  }

  /** Records with one outcome. */
  public AuditFilter withOutcome(AuditOutcome o) {
    return new AuditFilter(from, to, actorId, operation, resourceType, resourceId, Optional.of(o), text);
  }

  /** Records whose text matches {@code query} (see {@link #text()}). */
  public AuditFilter withText(String query) {
    return new AuditFilter(from, to, actorId, operation, resourceType, resourceId, outcome, Optional.of(query));
  }
}
