package dev.bms.api.model;

import java.util.Objects;

/**
 * What {@code executions().begin(jobId)} hands to the tool that runs the backup: the new RUNNING
 * execution and its report token. Only the holder of the token can report on the execution
 * ({@code heartbeat}, {@code complete}, {@code fail}); bms keeps just the token's SHA-256 hash, so
 * the token cannot be read back later: keep it for the run's lifetime.
 *
 * <p>The token is a secret: {@link #toString()} redacts it, and bms never stores, logs or puts it
 * in an exception message.
 *
 * @param execution the RUNNING execution as stored
 * @param token 256 random bits, URL-safe base64 without padding (43 characters)
 * @since 0.1.0
 */
public record ReportedRun(Execution execution, String token) {
  public ReportedRun {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token: must not be blank");
    }
  }

  /** The execution's id. */
  public ExecutionId id() {
    return execution.id();
  }

  /** Names the execution; the token is redacted. */
  @Override
  public String toString() {
    return "ReportedRun[execution=" + execution + ", token=<redacted>]";
  }
}
