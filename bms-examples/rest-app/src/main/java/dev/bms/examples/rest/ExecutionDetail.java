package dev.bms.examples.rest;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import java.util.Optional;

/**
 * One execution as {@code GET /api/executions/{id}} shows it: the execution, and while it runs its
 * progress. {@code bytesSoFar} and {@code filesSoFar} are live on the instance running it (from
 * memory); elsewhere, the bytes of its last heartbeat.
 */
record ExecutionDetail(Views.ExecutionView execution, Optional<Progress> progress) {

  /** How far a running execution has come. */
  record Progress(long bytesSoFar, long filesSoFar) {
  }

  static ExecutionDetail of(Execution e) {
    Optional<Progress> progress = e.status() == ExecutionStatus.RUNNING
        ? Optional.of(new Progress(e.progressBytes(), e.files()))
        : Optional.empty();
    return new ExecutionDetail(Views.of(e), progress);
  }
}
