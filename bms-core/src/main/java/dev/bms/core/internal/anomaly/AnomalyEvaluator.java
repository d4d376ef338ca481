package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.core.internal.alert.Fingerprints;
import dev.bms.core.internal.schedule.FireTimes;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.TargetCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.TreeMap;
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
 * Evaluates finished executions against their jobs' baselines, makes the forecasts, and moves the
 * baselines on: for any number of executions, one read of the baselines of their jobs and one write
 * of the changed ones (executions of one job in finishing order, each judged against the baseline
 * before it). Executions that produced no restore point count only for success rates and the RPO.
 */
@Singleton
public final class AnomalyEvaluator {
  private static final Logger log = LoggerFactory.getLogger(AnomalyEvaluator.class);
  /**
   * Job label with the longest a run may take before it disturbs something else (e.g. {@code 4h}):
   * the duration trend warns before runs exceed it (or the timeout, or the interval between runs,
   * whichever is shortest).
   */
  public static final String BACKUP_WINDOW_LABEL = "bms.backup-window";

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
   * The evaluation of each finished execution (absent: not judged, e.g. cancelled), updating the
   * baselines: executions that produced a restore point are compared with the baseline and teach it
   * their size, files and duration; every terminal one but a cancelled one counts for the success
   * rates; then the forecasts are made. A storage failure is logged and judges nothing.
   */
  public Map<ExecutionId, Evaluation> evaluate(List<ExecutionFinishedEvent> finished) {
    Optional<BaselineStore> store = storage.baselines();
    List<ExecutionFinishedEvent> learnable = finished.stream()
        .filter(e -> e.execution().status().isTerminal() && e.execution().status() != ExecutionStatus.CANCELLED)
        .sorted(Comparator.comparing(e -> e.execution().finishedAt().orElse(e.at())))
        .toList();
    if (store.isEmpty() || learnable.isEmpty()) {
      finished.forEach(e -> signals.take(e.execution().id()));
      finished.forEach(e -> signals.takeCapacities(e.execution().id()));
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
        Execution run = e.execution();
        Baseline b = baselines.computeIfAbsent(job.id(),
            id -> Optional.ofNullable(stored.get(id)).map(Baseline::decode).orElseGet(Baseline::new));
        out.put(run.id(), learn(b, job, run, run.finishedAt().orElse(e.at()), signals.take(run.id()),
            signals.takeCapacities(run.id())));
      }
      Map<JobId, String> changed = new LinkedHashMap<>();
      baselines.forEach((id, b) -> changed.put(id, b.encode()));
      store.get().putBaselines(changed);
      out.values().removeIf(java.util.Objects::isNull);
      return out;
    } catch (RuntimeException ex) {
      log.warn("Anomaly evaluation of {} executions failed; their baselines did not move", learnable.size(), ex);
      return Map.of();
    }
  }

  /**
   * Judges one finished execution against the baseline and teaches it the execution; null when
   * findings are off for the job.
   */
  Evaluation learn(Baseline b, Job job, Execution run, Instant finishedAt, Optional<RunSignals> measured,
                   Map<String, TargetCapacity> capacities) {
    boolean enabled = enabledFor(policy, job);
    boolean success = run.status().producedRestorePoint();
    Set<FindingKind> judged = EnumSet.noneOf(FindingKind.class);
    List<Finding> findings = new ArrayList<>();
    Map<FindingKind, Set<String>> subjects = new EnumMap<>(FindingKind.class);
    if (success) {
      Observation o = observation(job, run, measured);
      if (enabled) {
        Evaluation ev = AnomalyDetector.evaluate(b, o);
        judged.addAll(ev.judged());
        findings.addAll(ev.findings());
      }
      b.add(o.start(), o.values());
      capacities.forEach((target, c) -> b.addSpace(target, finishedAt, c));
    }
    Map<String, Boolean> copies = copyOutcomes(job, run);
    b.addOutcome(finishedAt, success, copies);
    if (!enabled) {
      return null;
    }
    Forecasts.evaluate(b, job.id(), run.id(), finishedAt, success, terms(job, finishedAt), copies.keySet(), judged,
        subjects, findings);
    return new Evaluation(judged, findings, subjects);
  }

  /** Per target (its id, as in the {@code bms.target} alert label), whether the run's copies there succeeded. */
  static Map<String, Boolean> copyOutcomes(Job job, Execution run) {
    Map<String, Boolean> out = new TreeMap<>();
    for (CopyResult c : run.copies()) {
      job.definition().copy(c.copyName()).ifPresent(spec ->
          out.merge(Fingerprints.target(spec.targetType(), spec.config()), c.succeeded(), Boolean::logicalAnd));
    }
    return out;
  }

  /** The job's limits as the forecasts need them, after an execution that finished at {@code now}. */
  static Forecasts.Terms terms(Job job, Instant now) {
    BackupJob d = job.definition();
    Optional<Instant> next = Optional.empty();
    Optional<Instant> afterNext = Optional.empty();
    try {
      next = FireTimes.next(d.schedule(), now);
      afterNext = next.flatMap(n -> FireTimes.next(d.schedule(), n));
    } catch (RuntimeException e) {
      log.debug("No fire times for job '{}'", job.name(), e);
    }
    Duration limit = null;
    String name = "";
    if (d.timeout().isPresent()) {
      limit = d.timeout().get();
      name = "timeout of " + Humanized.duration(limit.toMillis());
    }
    Optional<Duration> window = Optional.ofNullable(d.labels().get(BACKUP_WINDOW_LABEL))
        .flatMap(PluginConfig::parseDuration).filter(w -> !w.isNegative() && !w.isZero());
    if (window.isPresent() && (limit == null || window.get().compareTo(limit) < 0)) {
      limit = window.get();
      name = Humanized.duration(limit.toMillis()) + " backup window";
    }
    if (next.isPresent() && afterNext.isPresent()) {
      Duration gap = Duration.between(next.get(), afterNext.get());
      if (limit == null || gap.compareTo(limit) < 0) {
        limit = gap;
        name = "interval of " + Humanized.duration(gap.toMillis()) + " between runs";
      }
    }
    return new Forecasts.Terms(Optional.ofNullable(limit), name, d.rpo(), next, afterNext);
  }

  static Observation observation(Job job, Execution run, Optional<RunSignals> measured) {
    ZoneId zone = job.definition().schedule() instanceof Schedule.Cron cron ? cron.zone() : ZoneOffset.UTC;
    return new Observation(job.id(), run.id(), run.mode(), run.startedAt().orElse(run.createdAt()).atZone(zone),
        run.bytes(), run.files(), run.duration(), measured);
  }
}
