package dev.bms.core.internal.engine;

import dev.bms.api.model.Inputs;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.JobService;
import dev.bms.api.ScheduleService;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobStatus;
import dev.bms.core.internal.Lifecycle;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore.FireRecord;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.bms.core.internal.schedule.FireTimes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job status from the scheduler's tables: next fire, RPO breach (computed now, on the injected
 * clock), and the fires since the last success that produced no execution of their own.
 */
@Singleton
public final class DefaultScheduleService implements ScheduleService {
  private static final int RECENT_FIRES = 200;

  private final Storage storage;
  private final JobService jobs;
  private final Clock clock;
  private final Lifecycle lifecycle;

  @Inject
  public DefaultScheduleService(Storage storage, JobService jobs, Clock clock, Lifecycle lifecycle) {
    this.storage = storage;
    this.jobs = jobs;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public JobStatus status(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    Job job = jobs.require(jobId);
    Optional<ScheduleState> state = RequiredStores.scheduler(storage).schedule(jobId);
    Optional<Instant> lastSuccess = Optional.ofNullable(storage.executions().lastSuccessByJob().get(jobId));
    Instant now = clock.instant();
    boolean breached = job.enabled() && job.definition().rpo()
        .map(rpo -> breached(lastSuccess.orElse(job.createdAt()), rpo, now)).orElse(false);
    List<Instant> missed = RequiredStores.scheduler(storage).fires(jobId, RECENT_FIRES).stream()
        .filter(f -> f.outcome() != Fire.Outcome.FIRED)
        .filter(f -> lastSuccess.isEmpty() || f.scheduledFor().isAfter(lastSuccess.get()))
        .map(FireRecord::scheduledFor)
        .toList();
    Optional<Instant> next = state.filter(s -> s.jobVersion() == job.version()).flatMap(ScheduleState::nextFireAt)
        .or(() -> job.enabled() ? nextFire(job, now) : Optional.empty());
    if (job.definition().source().isExternal()) {
      next = Optional.empty();
    }
    return new JobStatus(jobId, next, lastSuccess, job.definition().rpo(), breached, missed);
  }

  /** False when {@code since + rpo} lies beyond any instant (a job stored before RPOs were bounded). */
  private static boolean breached(Instant since, Duration rpo, Instant now) {
    try {
      return since.plus(rpo).isBefore(now);
    } catch (ArithmeticException | DateTimeException beyondTime) {
      return false;
    }
  }

  /** Empty when the schedule cannot be planned; the scheduler skips such a job and alerts on it. */
  private static Optional<Instant> nextFire(Job job, Instant now) {
    try {
      return FireTimes.next(job.definition().schedule(), now).filter(t -> !t.isAfter(JobProblems.LATEST));
    } catch (ArithmeticException | DateTimeException unplannable) {
      return Optional.empty();
    }
  }
}
