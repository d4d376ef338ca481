package dev.bms.examples.rest;

import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.Page;
import dev.bms.api.model.Severity;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code /api/alerts}: bms's stored alerts, and acknowledging them. */
final class AlertsHandler {
  static final int MAX_NOTE = 500;


  AlertsHandler() {
  }

  record AlertView(String id, String rule, String severity, String state, Optional<String> jobId,
                   Optional<String> jobName, String title, String detail, Map<String, String> labels, int count,
                   Instant firstSeen, Instant lastSeen, Instant ackDeadline, Optional<Instant> acknowledgedAt,
                   Optional<String> acknowledgedBy, Optional<String> ackNote, Optional<Instant> resolvedAt,
                   boolean slaBreached) {
    static AlertView of(Alert a) {
      return new AlertView(a.id().toString(), a.rule(), a.severity().name(), a.state().name(),
          a.jobId().map(Object::toString), a.jobName(), a.title(), a.detail(), a.labels(), a.count(), a.firstSeen(),
          a.lastSeen(), a.ackDeadline(), a.acknowledgedAt(), a.acknowledgedBy(), a.ackNote(), a.resolvedAt(),
          a.slaBreached());
    }
  }

  /** The optional body of an acknowledgement. */
  record AckRequest(String note) {
  }

  /**
   * {@code GET /api/alerts?state=FIRING,ACKNOWLEDGED,RESOLVED&severity=CRITICAL&jobId=&rule=&limit=&cursor=}:
   * keyset pages, newest first; open alerts (firing and acknowledged) unless {@code state} says otherwise.
   */
  void list(Context ctx) {
    Page<Alert> page = Callers.of(ctx).alerts().list(filter(ctx), Paging.from(ctx));
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream().map(AlertView::of).toList(), page.nextCursor()));
  }

  /** One group of alerts: a rule and a severity, counted by state. */
  record GroupView(String rule, String severity, long firing, long acknowledged, long resolved, long total) {
  }

  /** Every group matching the filter, and their sums: the truth behind a page of {@link #list}. */
  record GroupsView(List<GroupView> items, long firing, long acknowledged, long resolved, long total) {
  }

  /**
   * {@code GET /api/alerts/groups?state=&severity=&jobId=&rule=}: the alerts of {@link #list}'s filter
   * (open ones by default) counted per rule and severity, critical first, then the largest group.
   */
  void groups(Context ctx) {
    List<GroupView> items = Callers.of(ctx).alerts().groups(filter(ctx)).stream()
        .map(g -> new GroupView(g.rule(), g.severity().name(), g.firing(), g.acknowledged(), g.resolved(), g.total()))
        .toList();
    Json.respond(ctx, 200, new GroupsView(items, items.stream().mapToLong(GroupView::firing).sum(),
        items.stream().mapToLong(GroupView::acknowledged).sum(), items.stream().mapToLong(GroupView::resolved).sum(),
        items.stream().mapToLong(GroupView::total).sum()));
  }

  private static AlertFilter filter(Context ctx) {
    AlertFilter filter = AlertFilter.open();
    String states = ctx.queryParam("state");
    if (states != null && !states.isEmpty()) {
      filter = filter.withStates(enums(states, "state", AlertState.class, AlertState::valueOf));
    }
    String severities = ctx.queryParam("severity");
    if (severities != null && !severities.isEmpty()) {
      filter = filter.withSeverities(enums(severities, "severity", Severity.class, Severity::valueOf));
    }
    String jobId = ctx.queryParam("jobId");
    if (jobId != null && !jobId.isEmpty()) {
      filter = filter.withJob(Params.jobId(ctx, "jobId", jobId));
    }
    String rule = ctx.queryParam("rule");
    if (rule != null && !rule.isEmpty()) {
      filter = filter.withRule(rule);
    }
    return filter;
  }

  /** {@code POST /api/alerts/{id}/ack}, optional body {@code {"note": "..."}}: acknowledged by the caller. */
  void acknowledge(Context ctx) {
    AlertId id;
    try {
      id = AlertId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("id", "'" + Params.shorten(ctx.pathParam("id")) + "' is not an alert id");
    }
    String note = "";
    if (ctx.bodyAsBytes().length > 0) {
      AckRequest body = RequestBodies.read(ctx, AckRequest.class);
      note = body.note() == null ? "" : body.note();
      if (note.length() > MAX_NOTE) {
        throw ApiException.badField("note", "must be at most " + MAX_NOTE + " characters");
      }
    }
    Principal who = ctx.attribute(AccessControl.PRINCIPAL);
    Json.respond(ctx, 200, AlertView.of(Callers.of(ctx).alerts().acknowledge(id, who.name(), note)));
  }

  private static <E extends Enum<E>> Set<E> enums(String text, String field, Class<E> type, Function<String, E> parse) {
    Set<E> set = EnumSet.noneOf(type);
    for (String part : text.split(",")) {
      try {
        set.add(parse.apply(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badField(field, "'" + Params.shorten(part) + "' is not one of " + EnumSet.allOf(type));
      }
    }
    return set;
  }
}
