package dev.bms.core.internal.metrics;

import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges that describe state rather than events, recomputed from storage on every refresh (at
 * start and then every gauge refresh interval), so they are right after a restart and agree across
 * instances; a scrape reads the values of the last refresh and never touches storage:
 * <ul>
 *   <li>{@code bms.jobs} tagged {@code status}: jobs by the status of their latest execution
 *       ({@code NEVER_RUN} for jobs without one);</li>
 *   <li>{@code bms.jobs.rpo.breached}: enabled jobs with an RPO whose last success (or creation,
 *       when none) is older than it;</li>
 *   <li>{@code bms.job.last.success.age}: seconds since a successful execution finished, the
 *       oldest per job dimension ({@link JobTags}: one series without job tags);</li>
 *   <li>the queue, alert and compliance gauges of {@link OperationsGauges}.</li>
 * </ul>
 * Each refresh also removes the meters of jobs that no longer exist. It costs a fixed number of
 * queries plus one per 1,000 jobs (the job list).
 */
@Singleton
public final class StateGauges {
  private static final Logger log = LoggerFactory.getLogger(StateGauges.class);

  private final Storage storage;
  private final Clock clock;
  private final JobTags jobTags;
  private final OperationsGauges operations;
  private final MultiGauge jobsByStatus;
  private final MultiGauge lastSuccessAge;
  private volatile long rpoBreached;

  @Inject
  public StateGauges(Storage storage, MeterRegistry registry, Clock clock, JobTags jobTags,
                     OperationsGauges operations) {
    this.storage = storage;
    this.clock = clock;
    this.jobTags = jobTags;
    this.operations = operations;
    this.jobsByStatus = MultiGauge.builder("bms.jobs")
        .description("Jobs by the status of their latest execution")
        .register(registry);
    this.lastSuccessAge = MultiGauge.builder("bms.job.last.success.age")
        .description("Seconds since the last successful execution finished (the oldest of the series' jobs)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("bms.jobs.rpo.breached", this, g -> g.rpoBreached)
        .description("Enabled jobs whose last successful backup is older than their RPO")
        .register(registry);
  }

  /** Recomputes every gauge from storage; a failure keeps the previous values. */
  public void refresh() {
    try {
      Map<ExecutionStatus, Long> byStatus = storage.executions().jobsByLatestStatus();
      Map<JobId, Instant> lastSuccess = storage.executions().lastSuccessByJob();
      Map<JobId, Job> jobs = allJobs();
      long neverRun = jobs.size() - byStatus.values().stream().mapToLong(Long::longValue).sum();

      List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
      Map<ExecutionStatus, Long> all = new EnumMap<>(ExecutionStatus.class);
      for (ExecutionStatus s : ExecutionStatus.values()) {
        all.put(s, byStatus.getOrDefault(s, 0L));
      }
      all.forEach((s, n) -> statusRows.add(MultiGauge.Row.of(Tags.of("status", s.name()), n)));
      statusRows.add(MultiGauge.Row.of(Tags.of("status", "NEVER_RUN"), Math.max(0, neverRun)));
      jobsByStatus.register(statusRows, true);

      Instant now = clock.instant();
      Map<Tags, Double> oldest = new HashMap<>();
      lastSuccess.forEach((id, at) -> {
        Job job = jobs.get(id);
        if (job != null) {
          oldest.merge(jobTags.of(job), Duration.between(at, now).toMillis() / 1000.0, Math::max);
        }
      });
      List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
      oldest.forEach((tags, age) -> ageRows.add(MultiGauge.Row.of(tags, age)));
      lastSuccessAge.register(ageRows, true);
      rpoBreached = rpoBreached(jobs, lastSuccess, now);
      jobTags.removeAllBut(jobTags.valuesOf(jobs.values()));
    } catch (RuntimeException e) {
      log.warn("Refreshing state gauges failed; keeping the previous values", e);
    }
    try {
      operations.refresh();
    } catch (RuntimeException e) {
      log.warn("Refreshing queue, alert and compliance gauges failed; keeping the previous values", e);
    }
  }

  private long rpoBreached(Map<JobId, Job> jobs, Map<JobId, Instant> lastSuccess, Instant now) {
    if (storage.scheduler().isEmpty()) {
      return 0;
    }
    return storage.scheduler().get().schedulesWithRpo().stream()
        .filter(s -> s.enabled() && s.rpo().isPresent() && jobs.containsKey(s.jobId()))
        .filter(s -> lastSuccess.getOrDefault(s.jobId(), jobs.get(s.jobId()).createdAt())
            .plus(s.rpo().get()).isBefore(now))
        .count();
  }

  private Map<JobId, Job> allJobs() {
    Map<JobId, Job> jobs = new HashMap<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<Job> page = storage.jobs().list(JobFilter.all(), request);
      page.items().forEach(j -> jobs.put(j.id(), j));
      if (page.nextCursor().isEmpty()) {
        return jobs;
      }
      request = PageRequest.after(page.nextCursor().get(), PageRequest.MAX_LIMIT);
    }
  }
}
