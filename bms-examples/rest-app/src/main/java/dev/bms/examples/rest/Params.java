package dev.bms.examples.rest;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Query and path parameters, each checked; a bad one is a 400 naming it. */
final class Params {
  private Params() {
  }

  static int integer(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw ApiException.badField(name, "must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badField(name, "must be a whole number, was '" + shorten(text) + "'");
    }
  }

  static Optional<Instant> instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw ApiException.badField(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  static JobId jobId(Context ctx, String name, String text) {
    try {
      return JobId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(name, "'" + shorten(text) + "' is not a job id");
    }
  }

  static ExecutionId executionId(String name, String text) {
    try {
      return ExecutionId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(name, "'" + shorten(text) + "' is not an execution id");
    }
  }

  static String shorten(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
