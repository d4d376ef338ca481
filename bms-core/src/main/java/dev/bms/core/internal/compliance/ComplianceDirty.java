package dev.bms.core.internal.compliance;

import dev.bms.api.model.JobId;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jobs whose compliance facts changed on this instance since their last evaluation (a job or
 * policy edited, a retention deletion, an execution or verification finished), drained by
 * {@link ComplianceRefresher}. No dependencies, so any service can mark a job without a cycle.
 */
@Singleton
public final class ComplianceDirty {
  private final Set<JobId> jobs = new LinkedHashSet<>();
  private boolean all;

  /** The facts of this job changed. */
  public synchronized void mark(JobId jobId) {
    if (!all) {
      jobs.add(jobId);
    }
  }

  /** The facts of every job changed (the default policy was edited). */
  public synchronized void markAll() {
    all = true;
    jobs.clear();
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
