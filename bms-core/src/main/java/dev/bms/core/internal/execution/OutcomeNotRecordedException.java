package dev.bms.core.internal.execution;

import dev.bms.api.StorageUnavailableException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionId;
import dev.bms.spi.storage.ExecutionOutcome;

/**
 * A run finished but storage stayed unavailable until its lease could no longer hold, so its
 * outcome was not recorded. The execution stays RUNNING until a live instance marks it ABANDONED
 * (and retries it by policy); the copies it committed stay on their targets, at the locations this
 * message names.
 */
public final class OutcomeNotRecordedException extends StorageUnavailableException {
  private static final long serialVersionUID = 1L;

  public OutcomeNotRecordedException(ExecutionId id, ExecutionOutcome outcome, Throwable cause) {
    super("Execution " + id + " finished " + outcome.status() + " but storage stayed unavailable until its lease"
        + " ran out; its outcome was not recorded. Copies committed: " + committed(outcome), cause);
  }

  private static String committed(ExecutionOutcome outcome) {
    StringBuilder b = new StringBuilder();
    for (CopyResult c : outcome.copies()) {
      if (c.succeeded()) {
        b.append(b.length() == 0 ? "" : ", ").append(c.copyName()).append(" (").append(c.targetType()).append(") at ")
            .append(c.location().orElse("?"));
      }
    }
    return b.length() == 0 ? "none" : b.toString();
  }
}
