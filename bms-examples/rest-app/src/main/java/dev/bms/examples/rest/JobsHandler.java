package dev.bms.examples.rest;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import io.javalin.http.Context;
import java.util.List;

/** {@code /api/jobs}: list (keyset pages of overviews), get, create, update, delete. */
final class JobsHandler {
  private final PathPolicy paths;

  JobsHandler(PathPolicy paths) {
    this.paths = paths;
  }

  /** A job with its newest executions. */
  record JobDetail(Views.JobView job, List<Views.ExecutionView> recentExecutions) {
  }

  /**
   * {@code GET /api/jobs?status=enabled|disabled&label=key:value&name=prefix&limit=&cursor=}: jobs
   * with their latest execution, in a fixed number of queries per page.
   */
  void list(Context ctx) {
    JobFilter filter = JobFilter.all();
    String status = ctx.queryParam("status");
    if (status != null && !status.isEmpty()) {
      filter = switch (status) {
        case "enabled" -> filter.withEnabled(true);
        case "disabled" -> filter.withEnabled(false);
        default -> throw ApiException.badField("status", "must be enabled or disabled, was '" + Params.shorten(status) + "'");
      };
    }
    for (String label : ctx.queryParams("label")) {
      int sep = label.indexOf(':');
      if (sep <= 0) {
        throw ApiException.badField("label", "must be key:value, was '" + Params.shorten(label) + "'");
      }
      filter = filter.withLabel(label.substring(0, sep), label.substring(sep + 1));
    }
    String prefix = ctx.queryParam("name");
    if (prefix != null && !prefix.isEmpty()) {
      filter = filter.withNamePrefix(prefix);
    }
    PageRequest page = Paging.from(ctx);
    Page<JobOverview> result = Callers.of(ctx).jobs().overview(filter, page);
    Json.respond(ctx, 200, new Views.PageView<>(result.items().stream().map(Views::of).toList(), result.nextCursor()));
  }

  /** {@code GET /api/jobs/{id}}: the job and its ten newest executions. */
  void get(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    Job job = Callers.of(ctx).jobs().require(id);
    List<Execution> recent = Callers.of(ctx).executions().list(ExecutionFilter.forJob(id), PageRequest.first(10)).items();
    Json.respond(ctx, 200, new JobDetail(Views.of(job), recent.stream().map(Views::of).toList()));
  }

  /** {@code POST /api/jobs}: creates a job; 400 names every bad field (and paths outside the allow-list), 409 a duplicate name. */
  void create(Context ctx) {
    BackupJob definition = RequestBodies.read(ctx, JobRequest.class).toBackupJob();
    paths.checkJob(definition);
    JobId id = Callers.of(ctx).jobs().create(definition);
    ctx.header("Location", "/api/jobs/" + id);
    Json.respond(ctx, 201, Views.of(Callers.of(ctx).jobs().require(id)));
  }

  /**
   * {@code PUT /api/jobs/{id}}: replaces the definition (same body as create). With
   * {@code If-Match: <version>} the change applies only to that version (409 otherwise); without
   * it, to the version current now.
   */
  void update(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    BackupJob definition = RequestBodies.read(ctx, JobRequest.class).toBackupJob();
    paths.checkJob(definition);
    long version = ifMatch(ctx).orElseGet(() -> Callers.of(ctx).jobs().require(id).version());
    Json.respond(ctx, 200, Views.of(Callers.of(ctx).jobs().update(id, version, definition)));
  }

  /** {@code DELETE /api/jobs/{id}}: the job and its history; copies stay on their targets. 204, or 404. */
  void delete(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    if (!Callers.of(ctx).jobs().delete(id)) {
      throw new ApiException(404, "not_found", "no job with id " + id);
    }
    ctx.status(204);
  }

  private static java.util.Optional<Long> ifMatch(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return java.util.Optional.empty();
    }
    String text = header.trim().replace("\"", "");
    try {
      return java.util.Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw ApiException.badField("If-Match", "must be the job's version (a number), was '" + Params.shorten(header) + "'");
    }
  }
}
