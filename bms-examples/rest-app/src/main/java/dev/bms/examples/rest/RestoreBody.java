package dev.bms.examples.rest;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.restore.ConflictPolicy;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /api/restores} and {@code POST /api/restores/plan}. The restore point is
 * either {@code restorePoint} (an execution id) or {@code jobId} with an optional {@code asOf}
 * (the job's newest restore point at or before it; the newest of all without it).
 *
 * <pre>{@code
 * {"jobId": "...", "asOf": "2026-01-31T12:00:00Z", "paths": ["etc/nginx/**.conf"],
 *  "destination": "/srv/restores/nginx", "copy": "nas", "onConflict": "KEEP_BOTH", "timeout": "PT30M"}
 * }</pre>
 *
 * @param restorePoint the execution whose restore point to restore
 * @param jobId the job whose newest (or as-of) restore point to restore
 * @param asOf with {@code jobId}: the newest restore point created at or before this instant
 * @param paths exact manifest paths (a directory means everything under it) or globs; empty or absent for all
 * @param destination an absolute directory under one of the allowed roots
 * @param copy read only this copy; absent picks the best copy per file
 * @param onConflict FAIL (default), SKIP, OVERWRITE or KEEP_BOTH for files already at the destination
 * @param timeout ISO-8601 duration after which the restore stops (TIMED_OUT)
 */
record RestoreBody(String restorePoint, String jobId, String asOf, List<String> paths, String destination,
                   String copy, String onConflict, String timeout) {

  /**
   * The request, every field checked; {@code destination} must pass the allow-list.
   *
   * @throws ApiException 400 naming every bad field
   */
  RestoreRequest toRequest(PathPolicy allowed, String requestedBy) {
    List<FieldError> errors = new ArrayList<>();
    RestorePointRef point = point(errors);
    Path directory = null;
    if (destination == null || destination.isBlank()) {
      errors.add(new FieldError("destination", "is required"));
    } else {
      try {
        directory = allowed.require(destination, "destination");
      } catch (ApiException e) {
        errors.addAll(e.fields());
      }
    }
    ConflictPolicy policy = ConflictPolicy.FAIL;
    if (onConflict != null) {
      try {
        policy = ConflictPolicy.valueOf(onConflict.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("onConflict", "must be one of FAIL, SKIP, OVERWRITE, KEEP_BOTH"));
      }
    }
    Duration limit = null;
    if (timeout != null) {
      try {
        limit = Duration.parse(timeout);
        if (limit.isNegative() || limit.isZero()) {
          errors.add(new FieldError("timeout", "must be positive"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("timeout", "'" + Params.shorten(timeout) + "' is not an ISO-8601 duration such as PT30M"));
      }
    }
    List<String> selection = paths == null ? List.of() : paths;
    for (int i = 0; i < selection.size(); i++) {
      if (selection.get(i) == null || selection.get(i).isBlank()) {
        errors.add(new FieldError("paths[" + i + "]", "must not be blank"));
      }
    }
    if (copy != null && copy.isBlank()) {
      errors.add(new FieldError("copy", "must not be blank; leave it out for the best copy"));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid_restore", "the restore request has " + errors.size()
          + (errors.size() == 1 ? " problem" : " problems"), errors);
    }
    RestoreRequest.Builder b = RestoreRequest.from(point).paths(selection).into(directory).onConflict(policy)
        .requestedBy(requestedBy);
    if (copy != null) {
      b.copy(copy);
    }
    if (limit != null) {
      b.timeout(limit);
    }
    return b.build();
  }

  private RestorePointRef point(List<FieldError> errors) {
    if ((restorePoint == null) == (jobId == null)) {
      errors.add(new FieldError(restorePoint == null ? "restorePoint" : "jobId",
          "give either restorePoint (an execution id) or jobId (with an optional asOf)"));
      return null;
    }
    if (restorePoint != null) {
      if (asOf != null) {
        errors.add(new FieldError("asOf", "only applies with jobId"));
      }
      try {
        return RestorePointRef.execution(ExecutionId.parse(restorePoint));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("restorePoint", "'" + Params.shorten(restorePoint) + "' is not an execution id"));
        return null;
      }
    }
    JobId job;
    try {
      job = JobId.parse(jobId);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("jobId", "'" + Params.shorten(jobId) + "' is not a job id"));
      return null;
    }
    if (asOf == null) {
      return RestorePointRef.latest(job);
    }
    try {
      return RestorePointRef.asOf(job, Instant.parse(asOf));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("asOf", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
      return null;
    }
  }
}
