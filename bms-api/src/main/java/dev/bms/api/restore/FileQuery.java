package dev.bms.api.restore;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.JobId;
import java.time.Instant;
import java.util.Optional;

/**
 * A search of the catalog across restore points: by exact path, by path prefix, or by file name
 * (the last path segment), optionally within one job and since an instant.
 *
 * <pre>{@code
 * // every version of etc/nginx/nginx.conf in the last 90 days, in any job
 * FileQuery q = FileQuery.path("etc/nginx/nginx.conf").since(now.minus(Duration.ofDays(90)));
 * }</pre>
 *
 * @param match how {@code value} is compared
 * @param value the path, prefix or file name
 * @param jobId only this job's restore points, when present
 * @param since only restore points created at or after this, when present
 * @param limit at most this many versions (1 to 10,000), newest restore point first
 * @since 0.1.0
 */
public record FileQuery(Match match, String value, Optional<JobId> jobId, Optional<Instant> since, int limit) {
  /** The default {@link #limit}. */
  public static final int DEFAULT_LIMIT = 500;

  public FileQuery {
    Inputs.requireArgument("match", match);
    Inputs.requireArgument("value", value);
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireArgument("since", since);
    if (value.isEmpty() || value.length() > 4096) {
      throw new InvalidRequestException("value: must be 1-4096 characters, was " + value.length());
    }
    if (limit < 1 || limit > 10_000) {
      throw new InvalidRequestException("limit: must be between 1 and 10000, was " + limit);
    }
  }

  /** Every version of exactly this path. */
  public static FileQuery path(String path) {
    return new FileQuery(Match.PATH, path, Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  /** Every file whose path starts with {@code prefix} (e.g. a directory, {@code "etc/nginx/"}). */
  public static FileQuery prefix(String prefix) {
    return new FileQuery(Match.PREFIX, prefix, Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  /** Every file named {@code name} in any directory. */
  public static FileQuery name(String name) {
    return new FileQuery(Match.NAME, name, Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  /** Only within this job. */
  public FileQuery inJob(JobId job) {
    return new FileQuery(match, value, Optional.of(job), since, limit);
  }

  /** Only restore points created at or after {@code instant}. */
  public FileQuery since(Instant instant) {
    return new FileQuery(match, value, jobId, Optional.of(instant), limit);
  }

  /** At most {@code n} versions. */
  public FileQuery limit(int n) {
    return new FileQuery(match, value, jobId, since, n);
  }

  /** How a {@link FileQuery} compares paths. */
  public enum Match {
    /** The whole path equals the value. */
    PATH,
    /** The path starts with the value. */
    PREFIX,
    /** The last path segment equals the value. */
    NAME
  }
}
