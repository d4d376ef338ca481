package dev.bms.core.internal.engine;

import dev.bms.core.internal.Mdc;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.log.RateLimitedLog;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link RpoBreachedEvent}s: every check interval, jobs whose last success is older than
 * their RPO, each at most once per interval across instances (a stored mark decides who publishes).
 */
final class RpoMonitor {
  private static final Logger log = LoggerFactory.getLogger(RpoMonitor.class);

  private final Storage storage;
  private final EventBus events;
  private final Clock clock;
  private final Duration interval;
  private final JobProblems problems;
  /** A lasting breach is published every interval but logged once an hour per job. */
  private final RateLimitedLog breachLog;
  private Instant nextCheck = Instant.MIN;

  RpoMonitor(Storage storage, EventBus events, Clock clock, Duration interval, JobProblems problems) {
    this.problems = problems;
    this.storage = storage;
    this.events = events;
    this.clock = clock;
    this.interval = interval;
    this.breachLog = new RateLimitedLog(log, clock, Duration.ofHours(1));
  }

  /** Checks unless the last check was less than an interval ago. */
  void check() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (now.isBefore(nextCheck)) {
      return;
    }
    nextCheck = now.plus(interval);
    SchedulerStore store = RequiredStores.scheduler(storage);
    List<ScheduleState> withRpo = store.schedulesWithRpo().stream().filter(ScheduleState::enabled).toList();
    if (withRpo.isEmpty()) {
      return;
    }
    Map<JobId, Instant> lastSuccess = storage.executions().lastSuccessByJob();
    // an RPO reaching beyond the earliest instant is never breached; it must not end the pass for the others
    List<ScheduleState> candidates = withRpo.stream().filter(s -> {
      Instant last = lastSuccess.get(s.jobId());
      return last == null || !last.isAfter(cutoff(now, s.rpo().get()));
    }).toList();
    withRpo.stream().filter(s -> !candidates.contains(s)).forEach(s -> breachLog.reset(s.jobId().toString()));
    if (candidates.isEmpty()) {
      return;
    }
    Map<JobId, Job> jobs = new HashMap<>();
    storage.jobs().findAll(candidates.stream().map(ScheduleState::jobId).toList()).forEach(j -> jobs.put(j.id(), j));
    for (ScheduleState s : candidates) {
      Job job = jobs.get(s.jobId());
      if (job == null || job.definition().rpo().isEmpty()) {
        continue;
      }
      try (Mdc ignored = Mdc.of(job.id(), job.name(), null)) {
        check(job, Optional.ofNullable(lastSuccess.get(s.jobId())), now, store);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        problems.failed(job, "checking its RPO", e);
      }
    }
  }

  private void check(Job job, Optional<Instant> last, Instant now, SchedulerStore store) {
    Instant since = last.orElse(job.createdAt());
    if (since.plus(job.definition().rpo().get()).isBefore(now)
        && store.markRpoNotified(job.id(), now, now.minus(interval))) {
      breachLog.warn(job.id().toString(), "Job '{}' breaches its RPO of {}: last success {}", job.name(),
          job.definition().rpo().get(), last.map(Instant::toString).orElse("never"));
      events.publish(new RpoBreachedEvent(job, job.definition().rpo().get(), last, now));
    }
  }

  private static Instant cutoff(Instant now, Duration rpo) {
    try {
      return now.minus(rpo);
    } catch (ArithmeticException | java.time.DateTimeException beyondTime) {
      return Instant.MIN;
    }
  }
}
