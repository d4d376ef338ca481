package dev.bms.examples.rest;

import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/executions/{id}/verify}: re-reads every copy of a restore point and compares it
 * with the manifest ({@code CHECKSUM}), or restores each copy into a scratch directory and compares
 * that ({@code RESTORE_TEST}). Runs to its end, then answers with the evidence bms stored.
 */
final class VerificationsHandler {

  VerificationsHandler() {
  }

  /** The optional body: {@code {"level": "CHECKSUM" | "RESTORE_TEST"}}, CHECKSUM by default. */
  record VerifyRequest(String level) {
  }

  record VerificationView(String executionId, String jobId, String level, boolean passed, Instant startedAt,
                          Instant finishedAt, List<CopyView> copies) {
  }

  record CopyView(String copyName, String targetType, boolean passed, long filesChecked, long bytesChecked,
                  List<ProblemView> problems, Optional<String> error) {
  }

  record ProblemView(String path, String kind, String detail) {
  }

  void verify(Context ctx) {
    ExecutionId id = Params.executionId("id", ctx.pathParam("id"));
    VerificationLevel level = VerificationLevel.CHECKSUM;
    if (ctx.bodyAsBytes().length > 0) {
      VerifyRequest body = RequestBodies.read(ctx, VerifyRequest.class);
      if (body.level() != null) {
        try {
          level = VerificationLevel.valueOf(body.level().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw ApiException.badField("level", "must be CHECKSUM or RESTORE_TEST, was '" + Params.shorten(body.level()) + "'");
        }
      }
    }
    Json.respond(ctx, 200, view(Callers.of(ctx).verifications().verify(id, level)));
  }

  static VerificationView view(Verification v) {
    return new VerificationView(v.executionId().toString(), v.jobId().toString(), v.level().name(), v.passed(),
        v.startedAt(), v.finishedAt(), v.copies().stream().map(VerificationsHandler::view).toList());
  }

  private static CopyView view(CopyVerification c) {
    return new CopyView(c.copyName(), c.targetType(), c.passed(), c.report().filesChecked(), c.report().bytesChecked(),
        c.report().problems().stream().map(VerificationsHandler::view).toList(), c.error());
  }

  private static ProblemView view(IntegrityProblem p) {
    return new ProblemView(p.path(), p.kind().name(), p.detail());
  }
}
