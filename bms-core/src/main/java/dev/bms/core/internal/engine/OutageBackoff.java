package dev.bms.core.internal.engine;

import dev.bms.core.internal.execution.StorageFaults;
import dev.bms.core.internal.health.HealthMonitor;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the scheduler while storage is unavailable: after a pass fails for that reason, the next
 * passes are skipped for a wait that doubles from the poll interval up to {@link #MAX_WAIT}; the
 * first pass that succeeds resumes normal polling. One log line when storage goes away, one when it
 * is back (with the outage's length), instead of a stack trace per poll.
 */
final class OutageBackoff {
  /** The longest wait between two attempts while storage is down. */
  static final Duration MAX_WAIT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(OutageBackoff.class);

  private final String instanceId;
  private final HealthMonitor health;
  private final long firstWaitNanos;
  private long waitNanos;
  private long resumeAtNanos;
  private Instant downSince;

  OutageBackoff(String instanceId, Duration pollInterval, HealthMonitor health) {
    this.instanceId = instanceId;
    this.health = health;
    this.firstWaitNanos = Math.min(pollInterval.toNanos(), MAX_WAIT.toNanos());
  }

  /** Whether a pass should run now. */
  synchronized boolean due() {
    return downSince == null || System.nanoTime() - resumeAtNanos >= 0;
  }

  /** Whether the scheduler is waiting out a storage outage. */
  synchronized boolean backingOff() {
    return downSince != null;
  }

  synchronized void succeeded() {
    if (downSince != null) {
      log.info("Storage is reachable again: scheduler of instance '{}' resumed after an outage of {}", instanceId,
          Duration.between(downSince, Instant.now()));
      downSince = null;
      waitNanos = 0;
      health.schedulerUp();
    }
  }

  synchronized void failed(RuntimeException e) {
    if (!StorageFaults.isUnavailable(e)) {
      log.warn("Scheduler pass of instance '{}' failed; retrying next pass", instanceId, e);
      return;
    }
    waitNanos = waitNanos == 0 ? firstWaitNanos : Math.min(waitNanos * 2, MAX_WAIT.toNanos());
    resumeAtNanos = System.nanoTime() + waitNanos;
    if (downSince == null) {
      downSince = Instant.now();
      health.schedulerDown("backing off while storage is unavailable: " + e.getMessage());
      log.warn("Storage is unavailable ({}): scheduler of instance '{}' backs off (at most {} between attempts)"
          + " and resumes by itself", e.getMessage(), instanceId, MAX_WAIT);
    } else {
      log.debug("Storage still unavailable; next attempt in {} ms", waitNanos / 1_000_000, e);
    }
  }
}
