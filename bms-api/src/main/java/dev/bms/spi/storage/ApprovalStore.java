package dev.bms.spi.storage;

import dev.bms.api.Actor;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Four-eyes approval requests. An optional capability ({@link StorageCapability#APPROVALS}).
 *
 * <p>Decisions are conditional updates: {@link #decide} changes a request only while it is still
 * pending at the version the caller read, so when two instances approve one request at once exactly
 * one of them wins and runs the call.
 *
 * @since 0.2.0
 */
public interface ApprovalStore {

  /**
   * Stores a new request.
   *
   * @throws dev.bms.api.ConflictException when a request with its id exists
   */
  void insert(ApprovalRequest request);

  /** The request as stored (a pending request past its expiry is still stored as PENDING). */
  Optional<ApprovalRequest> get(ApprovalId id);

  /**
   * Requests matching {@code filter}, newest first (by creation time, then id), one keyset page at a
   * time. A stored pending request whose expiry is at or before {@code now} matches
   * {@link ApprovalStatus#EXPIRED}, not PENDING; it is returned as stored.
   *
   * @throws dev.bms.api.InvalidRequestException when the cursor is not one this listing returned
   */
  Page<ApprovalRequest> list(ApprovalFilter filter, Instant now, PageRequest page);

  /**
   * Moves a request from PENDING to {@code to} (APPROVED, REJECTED or EXPIRED) if it is still
   * pending at {@code expectedVersion}, and, for APPROVED and REJECTED, not yet expired at
   * {@code at}; increments its version and records the decision.
   *
   * @param decidedBy who decided; empty for EXPIRED
   * @return whether this call changed it (false: decided meanwhile, or expired)
   */
  boolean decide(ApprovalId id, long expectedVersion, ApprovalStatus to, Optional<Actor> decidedBy, Instant at,
                 String comment);

  /**
   * Moves every request still PENDING whose expiry is at or before {@code now} to EXPIRED, decided at
   * {@code now} by no one, incrementing its version, as {@link #decide} with {@code EXPIRED} would one
   * by one; a request approved or rejected meanwhile is left as it is. bms calls it periodically, so
   * that expired requests are stored as EXPIRED even when nobody reads them. The default lists the
   * requests that count as expired and decides the pending ones one at a time; a database does it in
   * one statement.
   *
   * @return how many requests this call moved
   * @since 0.2.0
   */
  default int expirePending(Instant now) {
    java.util.Objects.requireNonNull(now, "now");
    int moved = 0;
    PageRequest page = PageRequest.first(500);
    while (true) {
      Page<ApprovalRequest> expired = list(ApprovalFilter.all().withStatus(ApprovalStatus.EXPIRED), now, page);
      for (ApprovalRequest r : expired.items()) {
        if (r.status() == ApprovalStatus.PENDING
            && decide(r.id(), r.version(), ApprovalStatus.EXPIRED, Optional.empty(), now, "")) {
          moved++;
        }
      }
      if (expired.nextCursor().isEmpty()) {
        return moved;
      }
      page = PageRequest.after(expired.nextCursor().get(), 500);
    }
  }

  /**
   * Records how the approved call ended, once: only an APPROVED request without an outcome changes.
   *
   * @return whether this call recorded it
   */
  boolean recordOutcome(ApprovalId id, AuditOutcome outcome, String detail);
}
