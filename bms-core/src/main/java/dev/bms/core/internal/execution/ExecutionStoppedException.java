package dev.bms.core.internal.execution;

/** Thrown from a progress callback to stop a run that was cancelled, timed out or interrupted. */
public final class ExecutionStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExecutionStoppedException(String reason) {
    super(reason, null, false, false);
  }
}
