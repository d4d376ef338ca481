package dev.bms.core.internal.metrics;

import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.Storage;
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
 * start and then periodically), so they are right after a restart and agree across instances:
 * <ul>
 *   <li>{@code bms.jobs} tagged {@code status}: jobs by the status of their latest execution
 *       ({@code NEVER_RUN} for jobs without one);</li>
 *   <li>{@code bms.job.last.success.age} tagged {@code job}: seconds since the job's last
 *       successful execution finished (absent for jobs that never succeeded).</li>
 * </ul>
 * Each refresh costs three queries whatever the number of jobs.
 */
@Singleton
public final class StateGauges {
  private static final Logger log = LoggerFactory.getLogger(StateGauges.class);

  private final Storage storage;
  private final Clock clock;
  private final MultiGauge jobsByStatus;
  private final MultiGauge lastSuccessAge;

  @Inject
  public StateGauges(Storage storage, MeterRegistry registry, Clock clock) {
    this.storage = storage;
    this.clock = clock;
    this.jobsByStatus = MultiGauge.builder("bms.jobs")
        .description("Jobs by the status of their latest execution")
        .register(registry);
    this.lastSuccessAge = MultiGauge.builder("bms.job.last.success.age")
        .description("Seconds since the job's last successful execution")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Recomputes every gauge from storage. */
  public void refresh() {
    try {
      Map<ExecutionStatus, Long> byStatus = storage.executions().jobsByLatestStatus();
      Map<JobId, Instant> lastSuccess = storage.executions().lastSuccessByJob();
      Map<JobId, String> names = jobNames();
      long neverRun = names.size() - byStatus.values().stream().mapToLong(Long::longValue).sum();

      List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
      Map<ExecutionStatus, Long> all = new EnumMap<>(ExecutionStatus.class);
      for (ExecutionStatus s : ExecutionStatus.values()) {
        all.put(s, byStatus.getOrDefault(s, 0L));
      }
      all.forEach((s, n) -> statusRows.add(MultiGauge.Row.of(Tags.of("status", s.name()), n)));
      statusRows.add(MultiGauge.Row.of(Tags.of("status", "NEVER_RUN"), Math.max(0, neverRun)));
      jobsByStatus.register(statusRows, true);

      Instant now = clock.instant();
      List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
      lastSuccess.forEach((id, at) -> {
        String name = names.get(id);
        if (name != null) {
          ageRows.add(MultiGauge.Row.of(Tags.of("job", name), Duration.between(at, now).toMillis() / 1000.0));
        }
      });
      lastSuccessAge.register(ageRows, true);
    } catch (RuntimeException e) {
      log.warn("Refreshing state gauges failed; keeping the previous values", e);
    }
  }

  private Map<JobId, String> jobNames() {
    Map<JobId, String> names = new HashMap<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<Job> page = storage.jobs().list(JobFilter.all(), request);
      page.items().forEach(j -> names.put(j.id(), j.name()));
      if (page.nextCursor().isEmpty()) {
        return names;
      }
      request = PageRequest.after(page.nextCursor().get(), PageRequest.MAX_LIMIT);
    }
  }
}
