package dev.bms.api;

import dev.bms.api.model.ExecutionId;
import java.util.Objects;

/**
 * A report on a reported execution ({@code heartbeat}, {@code complete}, {@code fail}) came
 * without the token {@code begin} handed out for it, or with another one; nothing was written.
 * The message names the execution, never the token given.
 *
 * @since 0.1.0
 */
public class ExecutionTokenException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final String executionId;

  public ExecutionTokenException(ExecutionId executionId, String reason) {
    super("Execution " + Objects.requireNonNull(executionId, "executionId") + ": " + reason
        + "; only the holder of the token begin handed out can report on it");
    this.executionId = executionId.toString();
  }

  /** The execution the report was refused for. */
  public ExecutionId executionId() {
    return ExecutionId.parse(executionId);
  }
}
