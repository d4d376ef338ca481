package dev.bms.core.internal.execution;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import java.util.Optional;

/**
 * How a run is watched from outside: told of progress (it renews the lease, and may throw
 * {@link dev.bms.api.LeaseLostException} or {@link ExecutionStoppedException} to stop the run), and
 * asked at the end whether the run was stopped (cancelled, timed out, interrupted by shutdown).
 */
public interface RunControl {

  /** Called on every buffer copied; throws to stop the run. */
  void onProgress(Execution running, long bytesDone);

  /**
   * Whether the run's lease may still hold, as far as this instance knows: while it does, a final
   * write that fails because storage is unavailable is retried. False for runs without a lease.
   */
  default boolean leaseMayHold() {
    return false;
  }

  /** The status a stop requested, if one was: CANCELLED, TIMED_OUT or INTERRUPTED. */
  Optional<StopRequest> stopRequest();

  /**
   * A request to stop a running execution.
   *
   * @param status the terminal status it ends with
   * @param reason recorded as its error
   */
  record StopRequest(ExecutionStatus status, String reason) {
    public StopRequest {
      if (!status.isTerminal()) {
        throw new IllegalArgumentException("a stop ends in a terminal status, not " + status);
      }
    }
  }
}
