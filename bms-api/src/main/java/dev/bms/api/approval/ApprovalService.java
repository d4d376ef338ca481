package dev.bms.api.approval;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.util.Optional;

/**
 * Four-eyes approval: the requests held for a second actor, and their decision. A request is made
 * by a guarded call (see {@link FourEyesPolicy}), which throws
 * {@link dev.bms.api.ApprovalRequiredException} carrying its id; another actor approves it (the call
 * then runs once, as the requester, the approver named in its audit record) or rejects it.
 *
 * <p>The deciding actor is the view's: {@code bms.as(admin).approvals().approve(id, "ok")}. Needs a
 * storage with the {@link dev.bms.spi.storage.StorageCapability#APPROVALS} capability; without it
 * these calls throw {@link dev.bms.api.CapabilityMissingException}.
 *
 * @since 0.2.0
 */
public interface ApprovalService {

  /**
   * Requests matching {@code filter}, newest first, one keyset page at a time. A pending request
   * past its expiry is listed as EXPIRED.
   *
   * @throws dev.bms.api.InvalidRequestException when the cursor is not one this listing returned
   */
  @NotAudited("read")
  Page<ApprovalRequest> list(ApprovalFilter filter, PageRequest page);

  /** The request, if it exists (a pending request past its expiry reads as EXPIRED). */
  @NotAudited("read")
  Optional<ApprovalRequest> get(ApprovalId id);

  /**
   * Approves a pending request and runs its call once, as the requester: the call's own audit record
   * names the requester as actor and the approver in its detail. Returns the request as stored after
   * the run: APPROVED, with the run's {@link ApprovalRequest#outcome()} (a call that failed or was
   * refused is reported there, not thrown). When two actors approve at once, one wins and the call
   * runs once; the other gets a {@link dev.bms.api.ConflictException}.
   *
   * @param comment why (may be empty, not null; at most 10,000 characters)
   * @throws dev.bms.api.NotFoundException when there is no such request
   * @throws dev.bms.api.SelfApprovalException when the approver is the requester
   * @throws dev.bms.api.ApprovalExpiredException when it expired (it is then stored as EXPIRED)
   * @throws dev.bms.api.ConflictException when it was already decided
   * @throws dev.bms.api.AccessDeniedException when the access policy does not let the approver make
   *     the held operation itself
   */
  @Audited(operation = "approvals.approve", resource = "approval")
  ApprovalRequest approve(ApprovalId id, String comment);

  /**
   * Rejects a pending request; its call never runs. The requester may reject (withdraw) their own
   * request. Returns the request as stored.
   *
   * @param reason why (may be empty, not null; at most 10,000 characters)
   * @throws dev.bms.api.NotFoundException when there is no such request
   * @throws dev.bms.api.ApprovalExpiredException when it expired (it is then stored as EXPIRED)
   * @throws dev.bms.api.ConflictException when it was already decided
   */
  @Audited(operation = "approvals.reject", resource = "approval")
  ApprovalRequest reject(ApprovalId id, String reason);
}
