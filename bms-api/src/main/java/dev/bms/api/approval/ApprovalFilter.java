package dev.bms.api.approval;

import dev.bms.api.model.Inputs;
import java.util.Optional;

/**
 * Which approval requests a listing returns; the criteria combine with AND.
 *
 * <pre>{@code
 * bms.as(admin).approvals().list(ApprovalFilter.pending(), PageRequest.first(50));
 * ApprovalFilter.all().withRequester("u-17").withStatus(ApprovalStatus.REJECTED);
 * }</pre>
 *
 * @param status only requests in this state (a pending request past its expiry counts as EXPIRED)
 * @param requesterId only requests made by this actor id
 * @param operation only requests holding this operation, e.g. {@code jobs.delete}
 * @since 0.2.0
 */
public record ApprovalFilter(Optional<ApprovalStatus> status, Optional<String> requesterId,
                             Optional<String> operation) {
  public ApprovalFilter {
    Inputs.requireArgument("status", status);
    Inputs.requireArgument("requesterId", requesterId);
    Inputs.requireArgument("operation", operation);
    requesterId.ifPresent(v -> Inputs.requireLine("requesterId", v, Inputs.MAX_NAME_LENGTH));
    operation.ifPresent(v -> Inputs.requireLine("operation", v, Inputs.MAX_NAME_LENGTH));
  }

  /** Every request. */
  public static ApprovalFilter all() {
    return new ApprovalFilter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Requests waiting for a decision. */
  public static ApprovalFilter pending() {
    return all().withStatus(ApprovalStatus.PENDING);
  }

  /** This filter, only requests in {@code status}. */
  public ApprovalFilter withStatus(ApprovalStatus status) {
    return new ApprovalFilter(Optional.of(Inputs.requireArgument("status", status)), requesterId, operation);
  }

  /** This filter, only requests made by {@code actorId}. */
  public ApprovalFilter withRequester(String actorId) {
    return new ApprovalFilter(status, Optional.of(Inputs.requireArgument("requesterId", actorId)), operation);
  }

  /** This filter, only requests holding {@code operation}. */
  public ApprovalFilter withOperation(String operation) {
    return new ApprovalFilter(status, requesterId, Optional.of(Inputs.requireArgument("operation", operation)));
  }
}
