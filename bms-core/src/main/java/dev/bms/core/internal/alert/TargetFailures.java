package dev.bms.core.internal.alert;

import dev.bms.api.model.JobId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which jobs failed to write to each target since that target's last successful copy. Kept in
 * memory: after a restart a failing target is recognised again from its next failures.
 */
final class TargetFailures {
  private final Map<String, Set<JobId>> failingJobs = new ConcurrentHashMap<>();

  /** Records a failed copy; returns how many distinct jobs now fail on the target. */
  int failed(String targetId, JobId job) {
    Set<JobId> jobs = failingJobs.computeIfAbsent(targetId, k -> ConcurrentHashMap.newKeySet());
    jobs.add(job);
    return jobs.size();
  }

  /** Records a successful copy: the target works again. */
  void succeeded(String targetId) {
    failingJobs.remove(targetId);
  }
}
