package dev.bms.core.internal.engine;

import dev.bms.core.internal.Mdc;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.schedule.FirePlanner;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.FirePlan;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules: idempotent fire rows, one queued execution per FIRED fire, missed fires by
 * the job's misfire policy (logged and published as {@link ScheduleMissedEvent}).
 */
final class ScheduleFiring {
  private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);

  private final Storage storage;
  private final EventBus events;
  private final Clock clock;
  private final FirePlanner planner;
  private final String instanceId;
  private final int batch;
  private final MeterRegistry meters;
  private final JobProblems problems;

  ScheduleFiring(Storage storage, EventBus events, Clock clock, FirePlanner planner, String instanceId, int batch,
                 MeterRegistry meters, JobProblems problems) {
    this.problems = problems;
    this.storage = storage;
    this.events = events;
    this.clock = clock;
    this.planner = planner;
    this.instanceId = instanceId;
    this.batch = batch;
    this.meters = meters;
  }

  /** Returns the fires recorded by this instance. */
  List<Fire> fireDue() {
    SchedulerStore store = RequiredStores.scheduler(storage);
    List<Fire> all = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      Map<JobId, Job> jobs = new HashMap<>();
      Map<Job, RuntimeException> failed = new HashMap<>();
      // the planner runs under the schedules' row locks: it only computes, with the jobs the store read
      List<Fire> recorded = store.fireDue(instanceId, now, batch, (due, dueJobs) -> {
        jobs.putAll(dueJobs);
        return due.stream().map(s -> plan(s, Optional.ofNullable(dueJobs.get(s.jobId())), now, failed)).toList();
      });
      failed.forEach((job, e) -> problems.failed(job, "planning its fires", e));
      for (Fire f : recorded) {
        Counter.builder("bms.scheduler.fires").tag("outcome", f.outcome().name()).register(meters).increment();
        if (f.outcome() != Fire.Outcome.FIRED) {
          Job job = jobs.get(f.jobId());
          try (Mdc ignored = Mdc.of(job.id(), job.name(), null)) {
            log.warn("Job '{}' missed its fire at {} ({})", job.name(), f.scheduledFor(), f.outcome());
            events.publish(new ScheduleMissedEvent(job, f.scheduledFor(), now));
          }
        }
      }
      all.addAll(recorded);
      if (recorded.isEmpty()) {
        break;
      }
    }
    return all;
  }

  /** The job's plan; a job whose planning fails gets no fire and no next fire time (it is skipped). */
  private FirePlan plan(ScheduleState state, Optional<Job> job, Instant now, Map<Job, RuntimeException> failed) {
    try {
      FirePlan plan = planner.plan(state, job, now);
      plan.nextFireAt().ifPresent(t -> JobProblems.storable("next fire time", t));
      return plan;
    } catch (ArithmeticException | java.time.DateTimeException e) {
      job.ifPresent(j -> failed.put(j, e));
      return new FirePlan(state.jobId(), List.of(), Optional.empty());
    }
  }
}
