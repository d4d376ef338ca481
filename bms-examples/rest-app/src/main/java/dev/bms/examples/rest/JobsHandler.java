package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
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

/** {@code /api/jobs}: list (keyset pages of overviews), get, create, run now. */
final class JobsHandler {
  private final BackupManager bms;

  JobsHandler(BackupManager bms) {
    this.bms = bms;
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
    Page<JobOverview> result = bms.jobs().overview(filter, page);
    Json.respond(ctx, 200, new Views.PageView<>(result.items().stream().map(Views::of).toList(), result.nextCursor()));
  }

  /** {@code GET /api/jobs/{id}}: the job and its ten newest executions. */
  void get(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    Job job = bms.jobs().require(id);
    List<Execution> recent = bms.executions().list(ExecutionFilter.forJob(id), PageRequest.first(10)).items();
    Json.respond(ctx, 200, new JobDetail(Views.of(job), recent.stream().map(Views::of).toList()));
  }

  /** {@code POST /api/jobs}: creates a job; 400 names every bad field, 409 a duplicate name. */
  void create(Context ctx) {
    BackupJob definition = RequestBodies.read(ctx, JobRequest.class).toBackupJob();
    JobId id = bms.jobs().create(definition);
    ctx.header("Location", "/api/jobs/" + id);
    Json.respond(ctx, 201, Views.of(bms.jobs().require(id)));
  }

  /** {@code POST /api/jobs/{id}/run}: runs a managed job now and returns the finished execution. */
  void run(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    Execution execution = bms.executions().runNow(id);
    Json.respond(ctx, 200, Views.of(execution));
  }
}
