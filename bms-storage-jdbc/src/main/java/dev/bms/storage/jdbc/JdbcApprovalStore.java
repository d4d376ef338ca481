package dev.bms.storage.jdbc;

import dev.bms.api.Actor;
import dev.bms.api.ConflictException;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.ApprovalStore;
import dev.bms.storage.jdbc.ApprovalMapper.ApprovalRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ApprovalStore} in table {@code bms_approval}. Decisions are conditional updates on status
 * and version, so of two instances deciding one request at once exactly one changes it.
 */
final class JdbcApprovalStore implements ApprovalStore {
  private final Transactions tx;

  JdbcApprovalStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    tx.write("store an approval request", message -> new ConflictException("approval request " + request.id()
        + " exists: " + message), s -> s.getMapper(ApprovalMapper.class).insert(row(request)));
  }

  @Override
  public Optional<ApprovalRequest> get(ApprovalId id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(tx.read("read an approval request", s -> s.getMapper(ApprovalMapper.class)
        .get(id.value()))).map(JdbcApprovalStore::toRequest);
  }

  @Override
  public Page<ApprovalRequest> list(ApprovalFilter filter, Instant now, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(page, "page");
    Cursors.ExecutionKey after = page.cursor().map(Cursors::parseApproval).orElse(null);
    List<ApprovalRow> rows = tx.read("list approval requests", s -> s.getMapper(ApprovalMapper.class).list(
        filter.status().map(Enum::name).orElse(null), now, filter.requesterId().orElse(null),
        filter.operation().orElse(null), after == null ? null : after.createdAt(), after == null ? null : after.id(),
        page.limit() + 1));
    boolean more = rows.size() > page.limit();
    List<ApprovalRequest> items = rows.stream().limit(page.limit()).map(JdbcApprovalStore::toRequest).toList();
    Optional<String> next = Optional.empty();
    if (more) {
      ApprovalRequest last = items.get(items.size() - 1);
      next = Optional.of(Cursors.approval(last.createdAt(), last.id().value()));
    }
    return new Page<>(items, next);
  }

  @Override
  public boolean decide(ApprovalId id, long expectedVersion, ApprovalStatus to, Optional<Actor> decidedBy, Instant at,
                        String comment) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(comment, "comment");
    if (to == ApprovalStatus.PENDING) {
      throw new IllegalArgumentException("to: a decision ends PENDING");
    }
    Actor by = decidedBy.orElse(null);
    return tx.write("decide an approval request", ConflictException::new, s -> s.getMapper(ApprovalMapper.class)
        .decide(id.value(), expectedVersion, to.name(), by == null ? null : by.id(),
            by == null ? null : by.displayName(), by == null ? null : by.kind().name(),
            by == null ? null : String.join(",", by.roles()), at, comment)) == 1;
  }

  @Override
  public int expirePending(Instant now) {
    Objects.requireNonNull(now, "now");
    return tx.writeOneStatement("expire pending approval requests", null,
        s -> s.getMapper(ApprovalMapper.class).expirePending(now));
  }

  @Override
  public boolean recordOutcome(ApprovalId id, AuditOutcome outcome, String detail) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    return tx.write("record an approved call's outcome", ConflictException::new,
        s -> s.getMapper(ApprovalMapper.class).recordOutcome(id.value(), outcome.name(), detail)) == 1;
  }

  private static ApprovalRow row(ApprovalRequest r) {
    ApprovalRow row = new ApprovalRow();
    row.id = r.id().value();
    row.action = r.action().name();
    row.operation = r.operation();
    row.resourceType = r.resource().type();
    row.resourceId = r.resource().id();
    row.arguments = r.arguments();
    row.summary = r.summary();
    row.requesterId = r.requester().id();
    row.requesterName = r.requester().displayName();
    row.requesterKind = r.requester().kind().name();
    row.requesterRoles = String.join(",", r.requester().roles());
    row.createdAt = r.createdAt();
    row.expiresAt = r.expiresAt();
    row.status = r.status().name();
    row.version = r.version();
    r.decidedBy().ifPresent(a -> {
      row.decidedById = a.id();
      row.decidedByName = a.displayName();
      row.decidedByKind = a.kind().name();
      row.decidedByRoles = String.join(",", a.roles());
    });
    row.decidedAt = r.decidedAt().orElse(null);
    row.comment = r.comment();
    row.outcome = r.outcome().map(Enum::name).orElse(null);
    row.outcomeDetail = r.outcomeDetail();
    return row;
  }

  private static ApprovalRequest toRequest(ApprovalRow r) {
    Optional<Actor> decidedBy = r.decidedById == null ? Optional.empty()
        : Optional.of(actor(r.decidedById, r.decidedByName, r.decidedByKind, r.decidedByRoles));
    return new ApprovalRequest(new ApprovalId(r.id), GuardedAction.valueOf(r.action), r.operation,
        new ResourceRef(r.resourceType, r.resourceId), r.arguments, r.summary,
        actor(r.requesterId, r.requesterName, r.requesterKind, r.requesterRoles), r.createdAt, r.expiresAt,
        ApprovalStatus.valueOf(r.status), r.version, decidedBy, Optional.ofNullable(r.decidedAt), r.comment,
        Optional.ofNullable(r.outcome).map(AuditOutcome::valueOf), r.outcomeDetail);
  }

  private static Actor actor(String id, String name, String kind, String roles) {
    Set<String> roleSet = roles == null || roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
    return new Actor(id, name, roleSet, Actor.Kind.valueOf(kind));
  }
}
