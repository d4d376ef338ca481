package dev.bms.core.internal.approval;

import dev.bms.api.Actor;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalService;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.util.Optional;

/** {@link ApprovalService} as seen by one actor, who decides. */
final class DefaultApprovalService implements ApprovalService {
  private final FourEyes fourEyes;
  private final Actor actor;

  DefaultApprovalService(FourEyes fourEyes, Actor actor) {
    this.fourEyes = fourEyes;
    this.actor = actor;
  }

  @Override
  public Page<ApprovalRequest> list(ApprovalFilter filter, PageRequest page) {
    Inputs.requireArgument("filter", filter);
    Inputs.requireArgument("page", page);
    return fourEyes.list(filter, page);
  }

  @Override
  public Optional<ApprovalRequest> get(ApprovalId id) {
    Inputs.requireArgument("id", id);
    return fourEyes.get(id);
  }

  @Override
  public ApprovalRequest approve(ApprovalId id, String comment) {
    Inputs.requireArgument("id", id);
    Inputs.requireText("comment", comment);
    return fourEyes.approve(actor, id, comment);
  }

  @Override
  public ApprovalRequest reject(ApprovalId id, String reason) {
    Inputs.requireArgument("id", id);
    Inputs.requireText("reason", reason);
    return fourEyes.reject(actor, id, reason);
  }

  @Override
  public String toString() {
    return "ApprovalService as " + actor.id();
  }
}
