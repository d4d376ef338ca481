package dev.bms.core.internal.engine;

import dev.bms.core.internal.Mdc;
import dev.bms.api.event.JobSchedulingFailedEvent;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.event.EventBus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates one job's planning failure from every other job's: the scheduler skips the job, logs
 * the failure (once per job version) and publishes {@link JobSchedulingFailedEvent}, which raises
 * the job's {@code scheduling-failed} alert.
 */
final class JobProblems {
  /** The latest instant the scheduler plans or stores (databases disagree beyond). */
  static final Instant LATEST = LocalDate.of(9999, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Logger log = LoggerFactory.getLogger(JobProblems.class);

  private final EventBus events;
  private final Clock clock;
  private final Map<JobId, Long> reported = new ConcurrentHashMap<>();

  JobProblems(EventBus events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** Throws when {@code t} is later than the scheduler can store. */
  static Instant storable(String what, Instant t) {
    if (t.isAfter(LATEST)) {
      throw new ArithmeticException(what + " " + t + " is later than " + LATEST);
    }
    return t;
  }

  /** Records that planning {@code job} failed in {@code step}; logs and alerts once per job version. */
  void failed(Job job, String step, RuntimeException e) {
    String problem = step + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
        + e.getMessage());
    Long before = reported.put(job.id(), job.version());
    if (before != null && before == job.version()) {
      log.debug("Job '{}' still skipped: {}", job.name(), problem);
      return;
    }
    try (Mdc ignored = Mdc.of(job.id(), job.name(), null)) {
      log.warn("Job '{}' skipped by the scheduler, every other job goes on: {}", job.name(), problem, e);
      try {
        events.publish(new JobSchedulingFailedEvent(job, problem, clock.instant()));
      } catch (RuntimeException publishFailure) {
        log.warn("Publishing the scheduling failure of job '{}' failed", job.name(), publishFailure);
      }
    }
  }
}
