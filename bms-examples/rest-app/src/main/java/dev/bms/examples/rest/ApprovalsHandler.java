package dev.bms.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bms.api.Actor;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Four-eyes approval ({@code --four-eyes=true}): a destructive call of a user is held by bms as an
 * approval request (answered 202 with the request, see {@link #held}); admins list the requests and
 * approve or reject them, as their own actor. bms decides everything: who may decide (admins), that
 * the approver is not the requester, expiry, and that an approved call runs once, as the requester.
 */
final class ApprovalsHandler {
  static final int MAX_TEXT = 500;

  /** A request as the API shows it. */
  record ApprovalView(String id, String action, String operation, ResourceRef resource, JsonNode arguments,
                      String summary, ActorRef requester, Instant createdAt, Instant expiresAt, String status,
                      long version, Optional<ActorRef> decidedBy, Optional<Instant> decidedAt, String comment,
                      Optional<String> outcome, String outcomeDetail) {
    static ApprovalView of(ApprovalRequest r) {
      return new ApprovalView(r.id().toString(), r.action().name(), r.operation(),
          new ResourceRef(r.resource().type(), r.resource().id()), AuditHandler.storedJson(r.arguments()), r.summary(),
          ActorRef.of(r.requester()), r.createdAt(), r.expiresAt(), r.status().name(), r.version(),
          r.decidedBy().map(ActorRef::of), r.decidedAt(), r.comment(), r.outcome().map(Enum::name), r.outcomeDetail());
    }
  }

  /** What a request is about. */
  record ResourceRef(String type, String id) {
  }

  /** Who asked or decided. */
  record ActorRef(String id, String name, String kind) {
    static ActorRef of(Actor a) {
      return new ActorRef(a.id(), a.displayName(), a.kind().name().toLowerCase(Locale.ROOT));
    }
  }

  /** The body answering a held call. */
  record HeldView(HeldDetail approvalRequired) {
  }

  /** A held call: the request that now waits for another admin. */
  record HeldDetail(String id, String action, String operation, Instant expiresAt, String message) {
  }

  /** The optional body of an approval. */
  record ApproveBody(String comment) {
  }

  /** The optional body of a rejection. */
  record RejectBody(String reason) {
  }

  /**
   * Answers a call that bms held for approval: 202 with {@code {"approvalRequired": {"id", "action",
   * "operation", "expiresAt", "message"}}} and {@code Location: /api/approvals/{id}}.
   */
  static void held(ApprovalRequiredException e, Context ctx) {
    ctx.header("Location", "/api/approvals/" + e.requestId());
    Json.respond(ctx, 202, new HeldView(new HeldDetail(e.requestId().toString(), e.action().name(), e.operation(),
        e.expiresAt(), e.getMessage())));
  }

  /** {@code GET /api/approvals?status=&requester=&operation=&limit=&cursor=}: newest first; pending by default. */
  void list(Context ctx) {
    String status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank()).orElse("PENDING")
        .trim().toUpperCase(Locale.ROOT);
    ApprovalFilter filter;
    if (status.equals("ALL")) {
      filter = ApprovalFilter.all();
    } else {
      try {
        filter = ApprovalFilter.all().withStatus(ApprovalStatus.valueOf(status));
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("status", "must be PENDING, APPROVED, REJECTED, EXPIRED or ALL");
      }
    }
    Optional<String> requester = AuditHandler.text(ctx, "requester");
    if (requester.isPresent()) {
      filter = filter.withRequester(requester.get());
    }
    Optional<String> operation = AuditHandler.text(ctx, "operation");
    if (operation.isPresent()) {
      filter = filter.withOperation(operation.get());
    }
    AuditHandler.respondPage(ctx, Callers.of(ctx).approvals().list(filter, Paging.from(ctx)), ApprovalView::of);
  }

  /** {@code GET /api/approvals/{id}}. */
  void get(Context ctx) {
    ApprovalId id = id(ctx);
    ApprovalRequest r = Callers.of(ctx).approvals().get(id)
        .orElseThrow(() -> new ApiException(404, "not_found", "no approval request with id " + id));
    Json.respond(ctx, 200, ApprovalView.of(r));
  }

  /**
   * {@code POST /api/approvals/{id}/approve}, optional body {@code {"comment": "..."}}: the held call
   * runs now, once, as its requester; the answer is the request with the call's {@code outcome}.
   */
  void approve(Context ctx) {
    ApprovalId id = id(ctx);
    String comment = ctx.bodyAsBytes().length == 0 ? "" : limited("comment",
        RequestBodies.read(ctx, ApproveBody.class).comment());
    Json.respond(ctx, 200, ApprovalView.of(Callers.of(ctx).approvals().approve(id, comment)));
  }

  /** {@code POST /api/approvals/{id}/reject}, optional body {@code {"reason": "..."}}: the call never runs. */
  void reject(Context ctx) {
    ApprovalId id = id(ctx);
    String reason = ctx.bodyAsBytes().length == 0 ? "" : limited("reason",
        RequestBodies.read(ctx, RejectBody.class).reason());
    Json.respond(ctx, 200, ApprovalView.of(Callers.of(ctx).approvals().reject(id, reason)));
  }

  private static String limited(String field, String value) {
    String v = value == null ? "" : value.strip();
    if (v.length() > MAX_TEXT) {
      throw ApiException.badField(field, "must be at most " + MAX_TEXT + " characters");
    }
    return v;
  }

  private static ApprovalId id(Context ctx) {
    try {
      return ApprovalId.parse(ctx.pathParam("id"));
    } catch (InvalidRequestException e) {
      throw ApiException.badField("id", "'" + Params.shorten(ctx.pathParam("id")) + "' is not an approval id");
    }
  }
}
