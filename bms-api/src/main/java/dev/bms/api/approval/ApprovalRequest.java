package dev.bms.api.approval;

import dev.bms.api.Actor;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.ResourceRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A guarded call held for a second actor's decision: what it is, who asked, and how it was decided.
 * It survives a restart and can be approved on any instance sharing the storage: the call is stored
 * as its operation and its arguments (JSON), and approving it calls the same service method again.
 *
 * @param id identity
 * @param action the guarded action the call is
 * @param operation the held call's operation, e.g. {@code jobs.delete}
 * @param resource what it acts on, e.g. job and its id
 * @param arguments the call's arguments as a JSON array, in parameter order
 * @param summary one line saying why the call is held, e.g. {@code copy 'vault' keeps 7 days, was 30}
 * @param requester who made the call; it runs as this actor when approved
 * @param createdAt when the call was held
 * @param expiresAt after this a request still pending is {@link ApprovalStatus#EXPIRED} and can no
 *     longer be approved
 * @param status where it stands (a pending request past {@code expiresAt} is reported as EXPIRED)
 * @param version increases with every change of the stored request
 * @param decidedBy who approved or rejected it; empty while pending and for an expired request
 * @param decidedAt when it was approved, rejected, or found expired
 * @param comment the approver's comment or the rejection's reason (may be empty)
 * @param outcome how the approved call ended: {@code SUCCEEDED}, {@code REFUSED} or {@code FAILED}
 *     (also {@code DENIED}, when the access policy refused the requester by then); empty unless run
 * @param outcomeDetail the run's failure message, empty otherwise
 * @since 0.2.0
 */
public record ApprovalRequest(ApprovalId id, GuardedAction action, String operation, ResourceRef resource,
                              String arguments, String summary, Actor requester, Instant createdAt,
                              Instant expiresAt, ApprovalStatus status, long version, Optional<Actor> decidedBy,
                              Optional<Instant> decidedAt, String comment, Optional<AuditOutcome> outcome,
                              String outcomeDetail) {
  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(requester, "requester");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(decidedBy, "decidedBy");
    decidedAt = Objects.requireNonNull(decidedAt, "decidedAt").map(t -> t.truncatedTo(ChronoUnit.MICROS));
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(outcomeDetail, "outcomeDetail");
  }

  /** A new pending request, at version 1. */
  public static ApprovalRequest pending(ApprovalId id, GuardedAction action, String operation, ResourceRef resource,
                                        String arguments, String summary, Actor requester, Instant createdAt,
                                        Instant expiresAt) {
    return new ApprovalRequest(id, action, operation, resource, arguments, summary, requester, createdAt, expiresAt,
        ApprovalStatus.PENDING, 1, Optional.empty(), Optional.empty(), "", Optional.empty(), "");
  }

  /** Whether it is still pending at {@code now} (stored as pending, and not expired). */
  public boolean pendingAt(Instant now) {
    return status == ApprovalStatus.PENDING && now.isBefore(expiresAt);
  }

  /** This request as seen at {@code now}: a stored pending request past its expiry reads as EXPIRED. */
  public ApprovalRequest asOf(Instant now) {
    if (status != ApprovalStatus.PENDING || now.isBefore(expiresAt)) {
      return this;
    }
    return new ApprovalRequest(id, action, operation, resource, arguments, summary, requester, createdAt, expiresAt,
        ApprovalStatus.EXPIRED, version, decidedBy, decidedAt, comment, outcome, outcomeDetail);
  }
}
