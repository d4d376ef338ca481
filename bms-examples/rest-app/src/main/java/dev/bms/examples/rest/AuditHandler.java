package dev.bms.examples.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ChainBreak;
import dev.bms.api.audit.ChainVerification;
import dev.bms.api.model.Page;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit trail for auditors (and admins): {@code GET /api/audit} searches it with bms's
 * {@code audit().search} (keyset pages, newest first), {@code GET /api/audit/verify} recomputes its
 * hash chain with {@code audit().verify}. Both run as the caller's actor, so bms's access policy
 * answers 403 to any other role (and records the refusal).
 */
final class AuditHandler {
  private static final Set<String> OUTCOMES = Set.of("SUCCEEDED", "DENIED", "REFUSED", "FAILED");

  private final Clock clock;

  AuditHandler(Clock clock) {
    this.clock = clock;
  }

  /** One record as the API shows it; {@code diff} is the JSON object bms stored. */
  record AuditView(long sequence, Instant at, ActorView actor, String operation, ResourceView resource,
                   String outcome, String detail, JsonNode diff, String previousHash, String hash) {
    static AuditView of(AuditRecord r) {
      var e = r.entry();
      return new AuditView(r.sequence(), e.at(), new ActorView(e.actor().id(), e.actor().displayName(),
          e.actor().kind().name().toLowerCase(Locale.ROOT), List.copyOf(e.actor().roles())), e.operation(),
          new ResourceView(e.resource().type(), e.resource().id()), e.outcome().name(), e.detail(),
          storedJson(e.diff()), r.previousHash(), r.hash());
    }
  }

  /** Who made the call. */
  record ActorView(String id, String name, String kind, List<String> roles) {
  }

  /** What the call acted on. */
  record ResourceView(String type, String id) {
  }

  /** The outcome of a verification. */
  record VerifyView(Instant from, Instant to, long checked, boolean intact, Optional<BreakView> firstBreak) {
  }

  /** The first break of the chain. */
  record BreakView(long sequence, String kind, String detail) {
    static BreakView of(ChainBreak b) {
      return new BreakView(b.sequence(), b.kind().name(), b.detail());
    }
  }

  /**
   * {@code GET /api/audit?q=&actor=&operation=&resourceType=&resourceId=&outcome=&from=&to=&limit=&cursor=}:
   * one page of records, newest first, with the next page's cursor.
   */
  void search(Context ctx) {
    AuditFilter filter = AuditFilter.all();
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    if (from.isPresent() || to.isPresent()) {
      filter = filter.between(from.orElse(Instant.EPOCH), to.orElse(Instant.parse("9999-12-31T00:00:00Z")));
      if (!filter.from().get().isBefore(filter.to().get())) {
        throw ApiException.badField("to", "must be after from");
      }
    }
    Optional<String> actor = text(ctx, "actor");
    if (actor.isPresent()) {
      filter = filter.withActor(actor.get());
    }
    Optional<String> operation = text(ctx, "operation");
    if (operation.isPresent()) {
      filter = filter.withOperation(operation.get());
    }
    Optional<String> resourceType = text(ctx, "resourceType");
    Optional<String> resourceId = text(ctx, "resourceId");
    if (resourceId.isPresent()) {
      filter = filter.withResource(resourceType.orElseThrow(() ->
          ApiException.badField("resourceType", "is required with resourceId")), resourceId.get());
    } else if (resourceType.isPresent()) {
      filter = filter.withResourceType(resourceType.get());
    }
    Optional<String> outcome = text(ctx, "outcome").map(o -> o.toUpperCase(Locale.ROOT));
    if (outcome.isPresent()) {
      if (!OUTCOMES.contains(outcome.get())) {
        throw ApiException.badField("outcome", "must be one of SUCCEEDED, DENIED, REFUSED, FAILED");
      }
      filter = filter.withOutcome(AuditOutcome.valueOf(outcome.get()));
    }
    Optional<String> q = text(ctx, "q");
    if (q.isPresent()) {
      filter = filter.withText(q.get());
    }
    Page<AuditRecord> page = Callers.of(ctx).audit().search(filter, Paging.from(ctx));
    respondPage(ctx, page, AuditView::of);
  }

  /**
   * {@code GET /api/audit/verify?from=&to=}: recomputes the chain of the records written in
   * {@code [from, to)}; by default the whole trail (from the epoch to a second from now, so the
   * chain's head is checked too).
   */
  void verify(Context ctx) {
    Instant from = Params.instant(ctx, "from").orElse(Instant.EPOCH);
    Instant to = Params.instant(ctx, "to").orElseGet(() -> clock.instant().plus(Duration.ofSeconds(1)));
    if (!from.isBefore(to)) {
      throw ApiException.badField("to", "must be after from");
    }
    ChainVerification v = Callers.of(ctx).audit().verify(from, to);
    Json.respond(ctx, 200, new VerifyView(from, to, v.checked(), v.intact(), v.firstBreak().map(BreakView::of)));
  }

  /**
   * The query parameter {@code name} as a filter value: empty when absent or blank, else one line of at
   * most 200 characters, stripped (400 naming the parameter otherwise). Shared with {@link ApprovalsHandler}.
   */
  static Optional<String> text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badField(name, "must be one line of at most 200 characters");
    }
    return Optional.of(value.strip());
  }

  /**
   * JSON text bms stored (an audit diff, a held call's arguments) as a JSON node; text that is not JSON
   * (a row edited by hand) as a string node holding it.
   */
  static JsonNode storedJson(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return Json.MAPPER.getNodeFactory().textNode(text);
    }
  }

  /** Answers 200 with one keyset page of bms's, each item as {@code view} shows it, and the next cursor. */
  static <T, V> void respondPage(Context ctx, Page<T> page, Function<T, V> view) {
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream().map(view).toList(), page.nextCursor()));
  }
}
