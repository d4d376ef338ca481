package dev.bms.examples.rest;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Backups another tool runs (pg_dump under cron, an appliance), reported as they happen:
 * {@code begin}, {@code heartbeat}s, then {@code complete} or {@code fail}. Compliance, missed
 * schedules, alerts and reports treat them like bms's own runs.
 *
 * <p>{@code begin} answers with the run's report token (field {@code token}); heartbeat, complete
 * and fail must send it back in the {@value #TOKEN_HEADER} header, or get 403 with error code
 * {@code execution_token} and nothing is recorded. So an operator key alone cannot finish someone
 * else's run. The token is a secret: it is not logged, and only its SHA-256 is stored.
 */
final class ReportedHandler {
  /** The request header that carries the report token begin handed out. */
  static final String TOKEN_HEADER = "X-Execution-Token";


  ReportedHandler() {
  }

  /** {@code {"progressBytes": 1048576}}. */
  record HeartbeatRequest(Long progressBytes) {
  }

  /** {@code {"copies": [{"copyName": "nas", "status": "SUCCEEDED", "bytes": 1, "files": 1, ...}]}}. */
  record CompleteRequest(List<CopyReport> copies) {
  }

  /** One copy as the tool reports it; {@code status} SUCCEEDED or FAILED. */
  record CopyReport(String copyName, String status, Long bytes, Long files, Long durationMillis,
                    String manifestDigest, String location, String error) {
  }

  /** {@code {"reason": "pg_dump exited with 1"}}. */
  record FailRequest(String reason) {
  }

  /**
   * What begin answers: the RUNNING execution, its progress, and the report token to send back in
   * {@value #TOKEN_HEADER}; it cannot be read again later.
   */
  record BegunRun(Views.ExecutionView execution, Optional<ExecutionDetail.Progress> progress, String token) {
    static BegunRun of(ReportedRun run) {
      ExecutionDetail detail = ExecutionDetail.of(run.execution());
      return new BegunRun(detail.execution(), detail.progress(), run.token());
    }

    @Override
    public String toString() {
      return "BegunRun[execution=" + execution.id() + ", token=<redacted>]";
    }
  }

  /**
   * {@code POST /api/jobs/{id}/reported-executions}: the tool started; 201 with the RUNNING execution
   * and its report token.
   */
  void begin(Context ctx) {
    JobId id = Params.jobId(ctx, "id", ctx.pathParam("id"));
    ReportedRun run = Callers.of(ctx).executions().begin(id);
    ctx.header("Location", "/api/executions/" + run.id());
    Json.respond(ctx, 201, BegunRun.of(run));
  }

  /** {@code POST /api/executions/{id}/heartbeat}: still alive, this far. */
  void heartbeat(Context ctx) {
    ExecutionId id = id(ctx);
    HeartbeatRequest body = RequestBodies.read(ctx, HeartbeatRequest.class);
    if (body.progressBytes() == null || body.progressBytes() < 0) {
      throw ApiException.badField("progressBytes", "is required and must not be negative");
    }
    Json.respond(ctx, 200, ExecutionDetail.of(Callers.of(ctx).executions().heartbeat(id, token(ctx), body.progressBytes())));
  }

  /** {@code POST /api/executions/{id}/complete}: the outcome of each copy; 400 names a bad copy field. */
  void complete(Context ctx) {
    ExecutionId id = id(ctx);
    CompleteRequest body = RequestBodies.read(ctx, CompleteRequest.class);
    if (body.copies() == null || body.copies().isEmpty()) {
      throw ApiException.badField("copies", "at least one copy result is required");
    }
    List<FieldError> errors = new ArrayList<>();
    List<CopyResult> copies = new ArrayList<>();
    for (int i = 0; i < body.copies().size(); i++) {
      copy(body.copies().get(i), "copies[" + i + "]", errors).ifPresent(copies::add);
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid_request", "the report has " + errors.size()
          + (errors.size() == 1 ? " problem" : " problems"), errors);
    }
    Json.respond(ctx, 200, ExecutionDetail.of(Callers.of(ctx).executions().complete(id, token(ctx), copies)));
  }

  /** {@code POST /api/executions/{id}/fail}: the tool failed, for this reason. */
  void fail(Context ctx) {
    ExecutionId id = id(ctx);
    FailRequest body = RequestBodies.read(ctx, FailRequest.class);
    if (body.reason() == null || body.reason().isBlank()) {
      throw ApiException.badField("reason", "is required");
    }
    Json.respond(ctx, 200, ExecutionDetail.of(Callers.of(ctx).executions().fail(id, token(ctx), body.reason())));
  }

  private static Optional<CopyResult> copy(CopyReport c, String at, List<FieldError> errors) {
    if (c == null) {
      errors.add(new FieldError(at, "must be an object"));
      return Optional.empty();
    }
    int before = errors.size();
    if (c.copyName() == null || c.copyName().isBlank()) {
      errors.add(new FieldError(at + ".copyName", "is required"));
    }
    CopyStatus status = null;
    try {
      status = c.status() == null ? null : CopyStatus.valueOf(c.status().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (status == null) {
      errors.add(new FieldError(at + ".status", "must be SUCCEEDED or FAILED"));
    }
    long bytes = nonNegative(c.bytes(), at + ".bytes", errors);
    long files = nonNegative(c.files(), at + ".files", errors);
    long millis = nonNegative(c.durationMillis(), at + ".durationMillis", errors);
    if (status == CopyStatus.FAILED && (c.error() == null || c.error().isBlank())) {
      errors.add(new FieldError(at + ".error", "is required for a failed copy"));
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new CopyResult(c.copyName(), "", status, bytes, files, Duration.ofMillis(millis),
        Optional.ofNullable(c.manifestDigest()), Optional.ofNullable(c.location()), Optional.empty(),
        status == CopyStatus.FAILED ? Optional.of(c.error()) : Optional.empty()));
  }

  private static long nonNegative(Long value, String field, List<FieldError> errors) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      errors.add(new FieldError(field, "must not be negative"));
      return 0;
    }
    return value;
  }

  /** The report token of the request; bms refuses a missing one (403 execution_token). */
  private static String token(Context ctx) {
    String token = ctx.header(TOKEN_HEADER);
    return token == null ? "" : token.trim();
  }

  private static ExecutionId id(Context ctx) {
    return Params.executionId("id", ctx.pathParam("id"));
  }
}
