package dev.bms.core.internal.schedule;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.MisfirePolicy;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.FirePlan;
import dev.bms.spi.storage.QueuedExecution;
import dev.bms.spi.storage.ScheduleState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what happens to the fire times of a due job: which make an execution, which were missed
 * (older than the misfire threshold, i.e. no instance fired them in time) and how the job's
 * {@link MisfirePolicy} treats those:
 * <ul>
 *   <li>{@code CATCH_UP_ONCE}: one run covers every missed fire: the newest missed fire runs
 *       (unless an on-time fire runs anyway), the others are recorded COALESCED;</li>
 *   <li>{@code SKIP}: missed fires are recorded SKIPPED and do not run.</li>
 * </ul>
 * At most {@code maxFiresPerJob} fire times are enumerated per call; a longer backlog is cut there
 * and the job continues from its next fire after now.
 */
public final class FirePlanner {
  private final Duration misfireThreshold;
  private final int maxFiresPerJob;
  private final Supplier<ExecutionId> ids;

  public FirePlanner(Duration misfireThreshold, int maxFiresPerJob, Supplier<ExecutionId> ids) {
    this.misfireThreshold = misfireThreshold;
    this.maxFiresPerJob = maxFiresPerJob;
    this.ids = ids;
  }

  /** The plan for one due job; {@code job} empty when it was deleted meanwhile. */
  public FirePlan plan(ScheduleState state, Optional<Job> job, Instant now) {
    if (job.isEmpty() || !job.get().enabled() || state.nextFireAt().isEmpty()
        || job.get().definition().source().isExternal()) {
      return new FirePlan(state.jobId(), List.of(), Optional.empty());
    }
    BackupJob def = job.get().definition();
    List<Instant> due = new ArrayList<>();
    Optional<Instant> t = state.nextFireAt();
    while (t.isPresent() && !t.get().isAfter(now) && due.size() < maxFiresPerJob) {
      due.add(t.get());
      t = FireTimes.next(def.schedule(), t.get());
    }
    Optional<Instant> next = t.isPresent() && !t.get().isAfter(now) ? FireTimes.next(def.schedule(), now) : t;
    Instant lateBefore = now.minus(misfireThreshold);
    List<Instant> late = due.stream().filter(f -> f.isBefore(lateBefore)).toList();
    List<Instant> onTime = due.stream().filter(f -> !f.isBefore(lateBefore)).toList();
    List<Fire> fires = new ArrayList<>();
    for (int i = 0; i < late.size(); i++) {
      Instant f = late.get(i);
      boolean catchUp = def.misfirePolicy() == MisfirePolicy.CATCH_UP_ONCE && onTime.isEmpty() && i == late.size() - 1;
      if (catchUp) {
        fires.add(fired(job.get(), f, now));
      } else {
        Fire.Outcome outcome = def.misfirePolicy() == MisfirePolicy.SKIP ? Fire.Outcome.SKIPPED : Fire.Outcome.COALESCED;
        fires.add(new Fire(state.jobId(), f, outcome, Optional.empty()));
      }
    }
    for (Instant f : onTime) {
      fires.add(fired(job.get(), f, now));
    }
    return new FirePlan(state.jobId(), fires, next);
  }

  private Fire fired(Job job, Instant scheduledFor, Instant now) {
    Execution pending = Execution.builder(ids.get(), job.id(), now).trigger(ExecutionTrigger.SCHEDULE)
        .scheduledFor(scheduledFor).build();
    return new Fire(job.id(), scheduledFor, Fire.Outcome.FIRED,
        Optional.of(new QueuedExecution(pending, scheduledFor, targetTypes(job.definition()), List.of(), Optional.empty())));
  }

  /** The distinct target types of a job's copies. */
  public static List<String> targetTypes(BackupJob job) {
    return job.copies().stream().map(CopySpec::targetType).distinct().sorted().toList();
  }
}
