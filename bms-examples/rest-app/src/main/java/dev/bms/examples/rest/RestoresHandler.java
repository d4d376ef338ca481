package dev.bms.examples.rest;

import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestoreRequest;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code /api/restores}: dry runs, starting and cancelling restores (operators and admins), the
 * restore records with live progress (viewers). Restores write only under the allowed roots.
 */
final class RestoresHandler {
  private final PathPolicy paths;

  RestoresHandler(PathPolicy paths) {
    this.paths = paths;
  }

  /** {@code POST /api/restores/plan}: which files, from which copy, how many bytes; writes nothing. */
  void plan(Context ctx) {
    Json.respond(ctx, 200, RestoreViews.PlanView.of(Callers.of(ctx).restores().plan(request(ctx))));
  }

  /** {@code POST /api/restores}: starts the restore in the background; 202 with its record and {@code Location}. */
  void start(Context ctx) {
    RestoreId id = Callers.of(ctx).restores().start(request(ctx));
    ctx.header("Location", "/api/restores/" + id);
    Json.respond(ctx, 202, view(ctx, id));
  }

  /** {@code GET /api/restores/{id}}: the record, with progress while it runs. */
  void get(Context ctx) {
    Json.respond(ctx, 200, view(ctx, id(ctx)));
  }

  /** {@code GET /api/restores?jobId=&limit=&cursor=}: newest first. */
  void list(Context ctx) {
    String job = ctx.queryParam("jobId");
    Optional<JobId> jobId = job == null || job.isEmpty() ? Optional.empty() : Optional.of(Params.jobId(ctx, "jobId", job));
    Page<RestoreExecution> page = Callers.of(ctx).restores().list(jobId, Paging.from(ctx));
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream()
        .map(r -> RestoreViews.RestoreView.of(r, Optional.empty())).toList(), page.nextCursor()));
  }

  /** {@code POST /api/restores/{id}/cancel}: 202 while it stops; 409 when it is not running here. */
  void cancel(Context ctx) {
    RestoreId id = id(ctx);
    RestoreViews.RestoreView before = view(ctx, id);
    if (!Callers.of(ctx).restores().cancel(id)) {
      throw new ApiException(409, "conflict", "restore " + id + " is not running on this instance (status "
          + before.status() + ")");
    }
    Json.respond(ctx, 202, view(ctx, id));
  }

  /** {@code GET /api/jobs/{id}/rto}: the measured time to restore the job's newest restore point. */
  void timeToRestore(Context ctx) {
    JobId job = Params.jobId(ctx, "id", ctx.pathParam("id"));
    Json.respond(ctx, 200, Callers.of(ctx).restores().timeToRestore(job).map(RestoreViews.RtoView::of)
        .orElseThrow(() -> new ApiException(404, "not_found", "no restore or restore test has measured a copy of job "
            + job + " yet")));
  }

  private RestoreRequest request(Context ctx) {
    Principal who = ctx.attribute(AccessControl.PRINCIPAL);
    return RequestBodies.read(ctx, RestoreBody.class).toRequest(paths, who.name());
  }

  private static RestoreViews.RestoreView view(Context ctx, RestoreId id) {
    RestoreExecution r = Callers.of(ctx).restores().get(id)
        .orElseThrow(() -> new ApiException(404, "not_found", "no restore with id " + id));
    return RestoreViews.RestoreView.of(r, Callers.of(ctx).restores().progress(id));
  }

  private static RestoreId id(Context ctx) {
    try {
      return RestoreId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("id", "'" + Params.shorten(ctx.pathParam("id")) + "' is not a restore id");
    }
  }
}
