package dev.bms.examples.rest;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Page;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code /api/executions}: keyset pages, newest first; one execution with its progress; cancel. */
final class ExecutionsHandler {

  ExecutionsHandler() {
  }

  /** {@code GET /api/executions?jobId=&status=FAILED,PARTIAL&from=&before=&limit=&cursor=}. */
  void list(Context ctx) {
    ExecutionFilter filter = ExecutionFilter.all();
    String jobId = ctx.queryParam("jobId");
    if (jobId != null && !jobId.isEmpty()) {
      filter = filter.withJob(Params.jobId(ctx, "jobId", jobId));
    }
    String statuses = ctx.queryParam("status");
    if (statuses != null && !statuses.isEmpty()) {
      filter = filter.withStatuses(statuses(statuses));
    }
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> before = Params.instant(ctx, "before");
    if (from.isPresent() || before.isPresent()) {
      Instant start = from.orElse(Instant.EPOCH);
      Instant end = before.orElse(Instant.parse("9999-12-31T00:00:00Z"));
      if (!start.isBefore(end)) {
        throw ApiException.badField("before", "must be later than from");
      }
      filter = filter.createdBetween(start, end);
    }
    Page<Execution> page = Callers.of(ctx).executions().list(filter, Paging.from(ctx));
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream().map(Views::of).toList(), page.nextCursor()));
  }

  /** {@code GET /api/executions/{id}}: the execution, with bytes and files so far while it runs. */
  void get(Context ctx) {
    ExecutionId id = Params.executionId("id", ctx.pathParam("id"));
    Execution e = Callers.of(ctx).executions().get(id).orElseThrow(() -> new ApiException(404, "not_found", "no execution with id " + id));
    Json.respond(ctx, 200, ExecutionDetail.of(e));
  }

  /**
   * {@code POST /api/executions/{id}/cancel}: a pending run ends at once, a running one at its next
   * step (202; follow it with GET). 409 when it already finished; 400 for a reported execution.
   */
  void cancel(Context ctx) {
    ExecutionId id = Params.executionId("id", ctx.pathParam("id"));
    Execution e = Callers.of(ctx).executions().cancel(id);
    Json.respond(ctx, e.status().isTerminal() ? 200 : 202, ExecutionDetail.of(e));
  }

  private static Set<ExecutionStatus> statuses(String text) {
    Set<ExecutionStatus> set = EnumSet.noneOf(ExecutionStatus.class);
    for (String part : text.split(",")) {
      try {
        set.add(ExecutionStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("status", "'" + Params.shorten(part) + "' is not one of " + EnumSet.allOf(ExecutionStatus.class));
      }
    }
    return set;
  }
}
