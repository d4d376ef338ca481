package dev.bms.api.model;

/**
 * Where an execution is in its life.
 *
 * @since 0.1.0
 */
public enum ExecutionStatus {
  /** Created (fired or requested) and waiting for a worker. */
  PENDING(false),
  /** A worker (or an external tool) is running it. */
  RUNNING(false),
  /** Every copy was written. */
  SUCCEEDED(true),
  /** Some copies were written, at least one failed. */
  PARTIAL(true),
  /** No copy was written, or the source could not be read. */
  FAILED(true),
  /** Cancelled on request. */
  CANCELLED(true),
  /** Ran longer than the job's timeout and was stopped. */
  TIMED_OUT(true),
  /** Its owner stopped heartbeating (the instance died); a live instance took it away. */
  ABANDONED(true),
  /** Still running when bms shut down past its drain deadline. */
  INTERRUPTED(true);

  private final boolean terminal;

  ExecutionStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** True once the execution can no longer change. */
  public boolean isTerminal() {
    return terminal;
  }

  /** True for outcomes that produced at least one usable copy. */
  public boolean producedRestorePoint() {
    return this == SUCCEEDED || this == PARTIAL;
  }
}
