package dev.bms.core.internal.compliance;

import dev.bms.api.model.JobId;
import dev.bms.core.internal.tx.AfterCommit;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jobs whose compliance facts changed on this instance since their last evaluation (a job or
 * policy edited, a retention deletion, an execution or verification finished), drained by
 * {@link ComplianceRefresher}. Inside a joint transaction a mark is set once it committed
 * ({@link AfterCommit}), so the sweep never evaluates the job before the change is visible. No dependencies, so any service can mark a job without a cycle.
 */
@Singleton
public final class ComplianceDirty {
  private final Set<JobId> jobs = new LinkedHashSet<>();
  private boolean all;

  /** The facts of this job changed. */
  public void mark(JobId jobId) {
    AfterCommit.run(() -> {
      synchronized (this) {
        if (!all) {
          jobs.add(jobId);
        }
      }
    });
  }

  /** The facts of every job changed (the default policy was edited). */
  public void markAll() {
    AfterCommit.run(() -> {
      synchronized (this) {
        all = true;
        jobs.clear();
      }
    });
  }

  /** Takes the marks: {@code null} when every job is to be evaluated, else the marked jobs. */
  synchronized List<JobId> drain() {
    if (all) {
      all = false;
      return null;
    }
    List<JobId> out = List.copyOf(jobs);
    jobs.clear();
    return out;
  }
}
