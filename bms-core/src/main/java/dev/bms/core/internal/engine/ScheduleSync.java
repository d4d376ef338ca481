package dev.bms.core.internal.engine;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.schedule.FireTimes;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Derives the schedule state (next fire time, RPO) of jobs created or changed since the last pass.
 * A changed job keeps its next fire time unless its schedule or misfire policy changed.
 */
final class ScheduleSync {
  private static final int BATCH = 500;

  private final Storage storage;
  private final Clock clock;
  private final JobProblems problems;

  ScheduleSync(Storage storage, Clock clock, JobProblems problems) {
    this.storage = storage;
    this.clock = clock;
    this.problems = problems;
  }

  /** Returns the number of jobs whose state was written. */
  int sync() {
    SchedulerStore store = RequiredStores.scheduler(storage);
    int synced = 0;
    for (int round = 0; round < 100; round++) {
      List<JobId> ids = store.jobsToSync(BATCH);
      if (ids.isEmpty()) {
        break;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      for (Job job : storage.jobs().findAll(ids)) {
        ScheduleState state;
        try {
          state = stateOf(job, store.schedule(job.id()), now);
          store.saveSchedule(state);
        } catch (ArithmeticException | java.time.DateTimeException e) {
          // a schedule or RPO that cannot be computed or stored: the job is kept from firing, the others go on
          problems.failed(job, "computing the schedule", e);
          store.saveSchedule(new ScheduleState(job.id(), job.version(), "unplannable", false, Optional.empty(),
              Optional.empty(), Optional.empty(), now));
        }
        synced++;
      }
      if (ids.size() < BATCH) {
        break;
      }
    }
    return synced;
  }

  private static ScheduleState stateOf(Job job, Optional<ScheduleState> existing, Instant now) {
    BackupJob def = job.definition();
    String fingerprint = FireTimes.fingerprint(def.schedule(), def.misfirePolicy());
    boolean fires = def.enabled() && !def.source().isExternal() && !(def.schedule() instanceof Schedule.Manual);
    Optional<Instant> next = Optional.empty();
    if (fires) {
      boolean keep = existing.isPresent() && existing.get().enabled() && existing.get().nextFireAt().isPresent()
          && existing.get().fingerprint().equals(fingerprint);
      next = keep ? existing.get().nextFireAt() : FireTimes.next(def.schedule(), now);
      next.ifPresent(t -> JobProblems.storable("next fire time", t));
    }
    def.rpo().ifPresent(Duration::toMillis); // overflows here rather than in storage
    return new ScheduleState(job.id(), job.version(), fingerprint, def.enabled(), next, def.rpo(), Optional.empty(), now);
  }
}
