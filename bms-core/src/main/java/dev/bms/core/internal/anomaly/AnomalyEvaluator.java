package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.spi.storage.BaselineStore;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates finished executions against their jobs' baselines and moves the baselines on: for any
 * number of executions, one read of the baselines of their jobs and one write of the changed ones
 * (executions of one job in finishing order, each judged against the baseline before it).
 * Executions that produced no restore point are neither judged nor learned from.
 */
@Singleton
public final class AnomalyEvaluator {
  private static final Logger log = LoggerFactory.getLogger(AnomalyEvaluator.class);

  private final Storage storage;
  private final AnomalyPolicy policy;
  private final DataPathSignals signals;

  @Inject
  public AnomalyEvaluator(Storage storage, AnomalyPolicy policy, DataPathSignals signals) {
    this.storage = storage;
    this.policy = policy;
    this.signals = signals;
  }

  /** Whether findings are made for the job (policy on, no {@code bms.anomaly=off} label). */
  public static boolean enabledFor(AnomalyPolicy policy, Job job) {
    return policy.enabled() && !"off".equalsIgnoreCase(job.definition().labels().getOrDefault(AnomalyPolicy.JOB_LABEL, ""));
  }

  /** The policy in effect. */
  public AnomalyPolicy policy() {
    return policy;
  }

  /**
   * The evaluation of each finished execution that produced a restore point (absent: not judged),
   * updating the baselines. A storage failure is logged and judges nothing.
   */
  public Map<ExecutionId, Evaluation> evaluate(List<ExecutionFinishedEvent> finished) {
    Optional<BaselineStore> store = storage.baselines();
    List<ExecutionFinishedEvent> learnable = finished.stream()
        .filter(e -> e.execution().status().producedRestorePoint())
        .sorted(Comparator.comparing(e -> e.execution().finishedAt().orElse(e.at())))
        .toList();
    if (store.isEmpty() || learnable.isEmpty()) {
      finished.forEach(e -> signals.take(e.execution().id()));
      return Map.of();
    }
    try {
      Set<JobId> jobs = new LinkedHashSet<>();
      learnable.forEach(e -> jobs.add(e.job().id()));
      Map<JobId, String> stored = store.get().baselines(jobs);
      Map<JobId, Baseline> baselines = new HashMap<>();
      Map<ExecutionId, Evaluation> out = new LinkedHashMap<>();
      for (ExecutionFinishedEvent e : learnable) {
        Job job = e.job();
        Baseline b = baselines.computeIfAbsent(job.id(),
            id -> Optional.ofNullable(stored.get(id)).map(Baseline::decode).orElseGet(Baseline::new));
        Observation o = observation(job, e.execution(), signals.take(e.execution().id()));
        if (enabledFor(policy, job)) {
          out.put(e.execution().id(), AnomalyDetector.evaluate(b, o));
        }
        b.add(o.start().getDayOfWeek(), o.values());
      }
      Map<JobId, String> changed = new LinkedHashMap<>();
      baselines.forEach((id, b) -> changed.put(id, b.encode()));
      store.get().putBaselines(changed);
      return out;
    } catch (RuntimeException ex) {
      log.warn("Anomaly evaluation of {} executions failed; their baselines did not move", learnable.size(), ex);
      return Map.of();
    }
  }

  static Observation observation(Job job, Execution run, Optional<RunSignals> measured) {
    ZoneId zone = job.definition().schedule() instanceof Schedule.Cron cron ? cron.zone() : ZoneOffset.UTC;
    return new Observation(job.id(), run.id(), run.mode(), run.startedAt().orElse(run.createdAt()).atZone(zone),
        run.bytes(), run.files(), run.duration(), measured);
  }
}
