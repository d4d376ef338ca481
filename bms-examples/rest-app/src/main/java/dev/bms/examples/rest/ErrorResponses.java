package dev.bms.examples.rest;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.SelfApprovalException;
import dev.bms.api.ConflictException;
import dev.bms.api.ExecutionTokenException;
import dev.bms.api.InvalidJobException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.UnknownPluginException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error body {@code {"error": {"status", "code", "message",
 * "fields"?, "incident"?}}}. Stack traces never leave the server: an unexpected failure is logged
 * with an incident id and only that id is returned.
 */
final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  private static final String WRITTEN = "bms.error-written";
  private static final Pattern COPY_WHERE = Pattern.compile("(copies\\[\\d+])[ :].*", Pattern.DOTALL);

  /** The error document. */
  record ErrorBody(Detail error) {
  }

  /** What went wrong. */
  record Detail(int status, String code, String message, Optional<List<FieldError>> fields, Optional<String> incident) {
  }

  private ErrorResponses() {
  }

  static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage(), e.fields()));
    routes.exception(InvalidJobException.class, (e, ctx) -> write(ctx, 400, "invalid_job",
        "the job definition has " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"),
        e.problems().stream().map(FieldError::fromProblem).toList()));
    routes.exception(UnknownPluginException.class, (e, ctx) -> write(ctx, 400, "unknown_plugin", e.getMessage(),
        List.of(new FieldError(unknownPluginField(e), e.getMessage()))));
    routes.exception(InvalidRequestException.class, (e, ctx) -> {
      FieldError field = FieldError.fromProblem(e.getMessage());
      write(ctx, 400, "invalid_request", e.getMessage(), field.field().isEmpty() ? List.of() : List.of(field));
    });
    // a report on a reported execution without the token its begin handed out
    routes.exception(ExecutionTokenException.class, (e, ctx) -> write(ctx, 403, "execution_token", e.getMessage(),
        List.of()));
    // bms's access policy refused the caller's actor (the refusal is in the audit trail, outcome DENIED)
    routes.exception(AccessDeniedException.class, (e, ctx) -> write(ctx, 403, "forbidden", e.getMessage(), List.of()));
    // four-eyes approval: the call was held, not refused (202 with the request to approve)
    routes.exception(ApprovalRequiredException.class, (e, ctx) -> {
      ctx.attribute(WRITTEN, Boolean.TRUE);
      ApprovalsHandler.held(e, ctx);
    });
    routes.exception(SelfApprovalException.class, (e, ctx) -> write(ctx, 403, "self_approval", e.getMessage(),
        List.of()));
    routes.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, "not_found", e.getMessage(), List.of()));
    routes.exception(ConflictException.class, (e, ctx) -> write(ctx, 409, "conflict", e.getMessage(), List.of()));
    // Javalin's own refusals, e.g. 413 for a body over the size limit (ContentTooLargeResponse)
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), code(e.getStatus()),
        e.getStatus() == 413 ? "the request body is larger than " + RestServer.MAX_REQUEST_BYTES + " bytes"
            : Optional.ofNullable(e.getMessage()).orElse("request refused"), List.of()));
    routes.exception(Exception.class, (e, ctx) -> {
      String incident = UUID.randomUUID().toString();
      log.error("Unexpected failure of {} {} (incident {})", ctx.method(), ctx.path(), incident, e);
      ctx.attribute(WRITTEN, Boolean.TRUE);
      Json.respond(ctx, 500, new ErrorBody(new Detail(500, "internal_error",
          "the server could not complete the request; quote the incident id to its operator",
          Optional.empty(), Optional.of(incident))));
    });
    // Javalin's own 404/405 (no route matched); bodies already written by the handlers above stay.
    routes.error(404, ctx -> {
      if (ctx.attribute(WRITTEN) == null) {
        write(ctx, 404, "not_found", "no such resource: " + ctx.path(), List.of());
      }
    });
    routes.error(413, ctx -> {
      if (ctx.attribute(WRITTEN) == null) {
        write(ctx, 413, "request_too_large", "the request body is larger than " + RestServer.MAX_REQUEST_BYTES
            + " bytes", List.of());
      }
    });
    routes.error(405, ctx -> {
      if (ctx.attribute(WRITTEN) == null) {
        write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), List.of());
      }
    });
  }

  private static String code(int status) {
    return switch (status) {
      case 413 -> "request_too_large";
      case 400 -> "bad_request";
      default -> org.eclipse.jetty.http.HttpStatus.getMessage(status).toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9]+", "_");
    };
  }

  static void write(Context ctx, int status, String code, String message, List<FieldError> fields) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    Json.respond(ctx, status, new ErrorBody(new Detail(status, code, message,
        fields.isEmpty() ? Optional.empty() : Optional.of(fields), Optional.empty())));
  }

  /** The request field an unknown plugin type came from: {@code source.type} or {@code copies[i].targetType}. */
  static String unknownPluginField(UnknownPluginException e) {
    if ("source".equals(e.kind())) {
      return "source.type";
    }
    Matcher m = COPY_WHERE.matcher(e.getMessage());
    return m.matches() ? m.group(1) + ".targetType" : e.kind() + ".type";
  }
}
