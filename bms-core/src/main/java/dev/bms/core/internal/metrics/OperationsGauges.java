package dev.bms.core.internal.metrics;

import dev.bms.api.model.ComplianceCounts;
import dev.bms.api.model.Severity;
import dev.bms.api.report.RuleComplianceRow;
import dev.bms.core.internal.compliance.DefaultComplianceService;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.QueueDepth;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gauges of the queue, the alerts and the stored compliance verdicts, for dashboards and alert
 * rules. {@link #refresh()} reads storage (one query each, whatever the number of jobs: queue depth,
 * firing alerts, stored verdict counts) and keeps the values; a scrape only reads those values, so
 * it never queries, evaluates or writes.
 * <ul>
 *   <li>{@code bms.executions.queued}, {@code bms.executions.running}: PENDING and RUNNING executions;</li>
 *   <li>{@code bms.scheduler.lag} (seconds): how long the oldest due PENDING execution has waited;</li>
 *   <li>{@code bms.alerts.open} tagged {@code severity}: alerts firing (not acknowledged or resolved);</li>
 *   <li>{@code bms.compliance.jobs} tagged {@code rule} (a digit's id, or {@code overall}) and
 *       {@code status} (PASS, FAIL, UNKNOWN): jobs by their stored verdict;</li>
 *   <li>{@code bms.cache.up}: 1 while the cache provider is available (asked at scrape, no I/O).</li>
 * </ul>
 */
@Singleton
public final class OperationsGauges {
  private final Storage storage;
  private final DefaultComplianceService compliance;
  private final Clock clock;
  private final MultiGauge alertsOpen;
  private final MultiGauge complianceJobs;
  private volatile QueueDepth queue = new QueueDepth(0, 0, Optional.empty());
  private volatile double lagSeconds;

  @Inject
  public OperationsGauges(Storage storage, DefaultComplianceService compliance, CacheProvider cache,
                          MeterRegistry registry, Clock clock) {
    this.storage = storage;
    this.compliance = compliance;
    this.clock = clock;
    Gauge.builder("bms.executions.queued", this, g -> g.queue.pending())
        .description("Executions waiting to be claimed (PENDING)").register(registry);
    Gauge.builder("bms.executions.running", this, g -> g.queue.running())
        .description("Executions running (RUNNING), managed and reported").register(registry);
    Gauge.builder("bms.scheduler.lag", this, g -> g.lagSeconds).baseUnit("seconds")
        .description("How long the oldest due execution has waited to be claimed").register(registry);
    Gauge.builder("bms.cache.up", cache, c -> c.available() ? 1 : 0)
        .description("1 while the cache provider is available, 0 while bms serves from its local cache")
        .register(registry);
    this.alertsOpen = MultiGauge.builder("bms.alerts.open")
        .description("Alerts firing (raised, neither acknowledged nor resolved), by severity").register(registry);
    this.complianceJobs = MultiGauge.builder("bms.compliance.jobs")
        .description("Jobs by their stored compliance verdict, per rule and overall").register(registry);
  }

  /** Reads the queue, the firing alerts and the stored verdict counts; a failure keeps the old values. */
  public void refresh() {
    storage.scheduler().ifPresent(s -> {
      QueueDepth depth = s.queueDepth(clock.instant());
      queue = depth;
      lagSeconds = depth.oldestDue()
          .map(due -> Math.max(0, Duration.between(due, clock.instant()).toMillis() / 1000.0)).orElse(0.0);
    });
    storage.reports().ifPresent(r -> {
      Map<Severity, Long> firing = r.firingAlertsBySeverity();
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (Severity s : Severity.values()) {
        rows.add(MultiGauge.Row.of(Tags.of("severity", s.name()), firing.getOrDefault(s, 0L)));
      }
      alertsOpen.register(rows, true);
    });
    if (storage.compliance().isPresent()) {
      ComplianceCounts counts = compliance.storedCounts();
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      counts.rules().forEach(r -> addRows(rows, r.ruleId(), r));
      addRows(rows, "overall", counts.overall());
      complianceJobs.register(rows, true);
    }
  }

  private static void addRows(List<MultiGauge.Row<?>> rows, String rule, RuleComplianceRow row) {
    rows.add(MultiGauge.Row.of(Tags.of("rule", rule, "status", "PASS"), row.passing()));
    rows.add(MultiGauge.Row.of(Tags.of("rule", rule, "status", "FAIL"), row.failing()));
    rows.add(MultiGauge.Row.of(Tags.of("rule", rule, "status", "UNKNOWN"), row.unknown()));
  }
}
