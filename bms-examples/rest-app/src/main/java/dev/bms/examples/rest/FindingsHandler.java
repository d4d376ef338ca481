package dev.bms.examples.rest;

import dev.bms.api.alert.FindingAlert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/findings}, {@code /api/jobs/{id}/findings}: anomaly findings read through
 * {@code alerts().findings}, and {@code POST /api/alerts/{id}/resolve}, clearing a finding's alert
 * after investigating it (a ransomware signal's resolution is held for a second admin when four-eyes
 * approval is on: 202 with the approval request).
 */
final class FindingsHandler {
  static final int MAX_REASON = 2000;

  /** One finding with the state of its alert. */
  record FindingView(String alertId, String kind, String rule, String severity, String state, String jobId,
                     Optional<String> jobName, String executionId, double score, String explanation, String title,
                     boolean ransomware, Instant raisedAt, Instant lastSeen, Optional<Instant> resolvedAt,
                     Optional<String> subject) {
    static FindingView of(FindingAlert f) {
      return new FindingView(f.alert().id().toString(), f.finding().kind().name(), f.alert().rule(),
          f.severity().name(), f.state().name(), f.finding().jobId().toString(), f.alert().jobName(),
          f.executionId().toString(), f.finding().score(), f.finding().explanation(), f.alert().title(),
          f.ransomware(), f.raisedAt(), f.alert().lastSeen(), f.alert().resolvedAt(),
          Optional.of(f.finding().subject()).filter(s -> !s.isEmpty()));
    }
  }

  /** The body of a resolution: what was found and done. */
  record ResolveBody(String reason) {
  }

  /**
   * {@code GET /api/findings?state=FIRING,ACKNOWLEDGED,RESOLVED|ALL&jobId=&rule=&limit=&cursor=}: keyset
   * pages, newest first; open findings (firing and acknowledged) of every job unless {@code state} says otherwise.
   */
  void list(Context ctx) {
    AlertFilter filter = filter(ctx, AlertFilter.open());
    String jobId = ctx.queryParam("jobId");
    if (jobId != null && !jobId.isEmpty()) {
      filter = filter.withJob(Params.jobId(ctx, "jobId", jobId));
    }
    respond(ctx, filter);
  }

  /** {@code GET /api/jobs/{id}/findings?state=&rule=&limit=&cursor=}: the job's findings, every state unless filtered. */
  void ofJob(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    if (Callers.of(ctx).jobs().get(id).isEmpty()) {
      throw new ApiException(404, "not_found", "no job " + id);
    }
    respond(ctx, filter(ctx, AlertFilter.all()).withJob(id));
  }

  private static void respond(Context ctx, AlertFilter filter) {
    Page<FindingAlert> page = Callers.of(ctx).alerts().findings(filter, Paging.from(ctx));
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream().map(FindingView::of).toList(),
        page.nextCursor()));
  }

  private static AlertFilter filter(Context ctx, AlertFilter base) {
    AlertFilter filter = base;
    String states = ctx.queryParam("state");
    if (states != null && !states.isEmpty()) {
      if (states.trim().equalsIgnoreCase("ALL")) {
        filter = filter.withStates(Set.of());
      } else {
        Set<AlertState> set = EnumSet.noneOf(AlertState.class);
        for (String part : states.split(",")) {
          try {
            set.add(AlertState.valueOf(part.trim().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw ApiException.badField("state", "'" + Params.shorten(part) + "' is not one of "
                + EnumSet.allOf(AlertState.class) + " or ALL");
          }
        }
        filter = filter.withStates(set);
      }
    }
    String rule = ctx.queryParam("rule");
    if (rule != null && !rule.isEmpty()) {
      filter = filter.withRule(rule);
    }
    return filter;
  }

  /**
   * {@code POST /api/alerts/{id}/resolve} with {@code {"reason": "..."}}: resolved by the caller (200 with
   * the finding's alert), or held for approval (202, see {@link ApprovalsHandler#held}).
   */
  void resolve(Context ctx) {
    AlertId id;
    try {
      id = AlertId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("id", "'" + Params.shorten(ctx.pathParam("id")) + "' is not an alert id");
    }
    ResolveBody body = RequestBodies.read(ctx, ResolveBody.class);
    String reason = body.reason() == null ? "" : body.reason().trim();
    if (reason.isEmpty()) {
      throw ApiException.badField("reason", "must say what was found and done");
    }
    if (reason.length() > MAX_REASON) {
      throw ApiException.badField("reason", "must be at most " + MAX_REASON + " characters");
    }
    Principal who = ctx.attribute(AccessControl.PRINCIPAL);
    Json.respond(ctx, 200, AlertsHandler.AlertView.of(Callers.of(ctx).alerts().resolve(id, who.name(), reason)));
  }
}
