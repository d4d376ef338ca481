package dev.bms.core.internal.compliance;

import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.event.VerificationFinishedEvent;
import dev.bms.api.model.JobId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Keeps the stored verdicts current: marks a job when an execution or verification of it finishes
 * (other changes are marked where they happen, see {@link ComplianceDirty}), and {@link #flush()}
 * re-evaluates the marked jobs. {@link ComplianceBackground} flushes every few seconds and sweeps
 * every job periodically for the facts that change with time.
 */
@Singleton
public final class ComplianceRefresher implements BmsEventListener {
  private final ComplianceDirty dirty;
  private final DefaultComplianceService compliance;

  @Inject
  public ComplianceRefresher(ComplianceDirty dirty, DefaultComplianceService compliance) {
    this.dirty = dirty;
    this.compliance = compliance;
  }

  @Override
  public void onEvent(BmsEvent event) {
    if (event instanceof ExecutionFinishedEvent e) {
      dirty.mark(e.job().id());
    } else if (event instanceof VerificationFinishedEvent e) {
      dirty.mark(e.job().id());
    }
  }

  /** Re-evaluates the jobs marked since the last flush (every job after a default-policy edit). */
  public synchronized void flush() {
    List<JobId> marked = dirty.drain();
    if (marked == null) {
      compliance.evaluateAll();
    } else if (!marked.isEmpty()) {
      compliance.refresh(marked);
    }
  }

  /** Re-evaluates every job: windows and locks change with time alone. */
  public synchronized void sweep() {
    dirty.drain();
    compliance.evaluateAll();
  }
}
