package dev.bms.examples.rest;

import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import io.javalin.http.Context;

/** What operators do to a job: enable, disable, run now (waiting), start a run (not waiting). */
final class JobActionsHandler {

  JobActionsHandler() {
  }

  /** {@code POST /api/jobs/{id}/enable}: the scheduler fires it again. */
  void enable(Context ctx) {
    Json.respond(ctx, 200, Views.of(Callers.of(ctx).jobs().enable(id(ctx))));
  }

  /** {@code POST /api/jobs/{id}/disable}: the scheduler stops firing it; running executions finish. */
  void disable(Context ctx) {
    Json.respond(ctx, 200, Views.of(Callers.of(ctx).jobs().disable(id(ctx))));
  }

  /** {@code POST /api/jobs/{id}/run}: runs a managed job now and returns the finished execution. */
  void run(Context ctx) {
    Execution execution = Callers.of(ctx).executions().runNow(id(ctx));
    Json.respond(ctx, 200, Views.of(execution));
  }

  /**
   * {@code POST /api/jobs/{id}/runs}: queues a run for the next free worker and returns the PENDING
   * execution at once (202, {@code Location} to follow it); 409 while a queued run of the job waits.
   */
  void start(Context ctx) {
    Execution execution = Callers.of(ctx).executions().submit(id(ctx));
    ctx.header("Location", "/api/executions/" + execution.id());
    Json.respond(ctx, 202, ExecutionDetail.of(execution));
  }

  private static JobId id(Context ctx) {
    return Params.jobId(ctx, "id", ctx.pathParam("id"));
  }
}
