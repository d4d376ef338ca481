package dev.bms.core.internal.anomaly;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.TargetCapacity;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the data path of a managed run its {@link DataPathProbe} (with the previous restore point's
 * manifest: two reads before the source is read, none on the completion path), and keeps the
 * signals it measured until the run's anomaly evaluation takes them, on the same instance.
 */
@Singleton
public final class DataPathSignals {
  private static final Logger log = LoggerFactory.getLogger(DataPathSignals.class);
  /** Previous restore points with more files than this are not compared (memory: one map entry per file). */
  static final int MAX_PREVIOUS_FILES = 2_000_000;
  /** Executions looked at, newest first, to find the previous restore point. */
  private static final int LOOK_BACK = 20;

  private final Storage storage;
  private final AnomalyPolicy policy;
  private final Cache<ExecutionId, RunSignals> measured = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();
  /** A target's capacity is read at most this often per instance. */
  static final int CAPACITY_REUSE_MINUTES = 15;
  private final Cache<String, Optional<TargetCapacity>> recentCapacities = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(CAPACITY_REUSE_MINUTES)).maximumSize(10_000).build();
  private final Cache<ExecutionId, Map<String, TargetCapacity>> capacities = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();

  @Inject
  public DataPathSignals(Storage storage, AnomalyPolicy policy) {
    this.storage = storage;
    this.policy = policy;
  }

  /** The probe for a run of {@code job} about to read its source. */
  public DataPathProbe open(Job job, Execution run) {
    if (storage.baselines().isEmpty() || !AnomalyEvaluator.enabledFor(policy, job)) {
      return DataPathProbe.NONE;
    }
    try {
      for (Execution e : storage.executions().list(ExecutionFilter.forJob(job.id()), PageRequest.first(LOOK_BACK))
          .items()) {
        if (!e.id().equals(run.id()) && e.status().producedRestorePoint()) {
          Optional<Manifest> previous = storage.executions().manifest(e.id());
          if (previous.isEmpty() || previous.get().entries().size() > MAX_PREVIOUS_FILES) {
            return DataPathProbe.NONE;
          }
          return new DataPathProbe(previous.get());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Reading the previous restore point of job '{}' failed; no ransomware signals for this run", job.name(), e);
    }
    return DataPathProbe.NONE;
  }

  /** Keeps what the probe measured over the run whose manifest is {@code manifest}. */
  public void finished(ExecutionId run, DataPathProbe probe, Manifest manifest) {
    if (probe != DataPathProbe.NONE) {
      measured.put(run, probe.finish(manifest));
    }
  }

  /**
   * Keeps the capacity its targets reported after the run's copies were committed (target id to
   * capacity), until the run's evaluation takes it.
   */
  public void capacities(ExecutionId run, Map<String, TargetCapacity> capacities) {
    if (!capacities.isEmpty()) {
      this.capacities.put(run, Map.copyOf(capacities));
    }
  }

  /** The capacities reported after the run, removed; empty when none were. */
  Map<String, TargetCapacity> takeCapacities(ExecutionId run) {
    Map<String, TargetCapacity> c = capacities.getIfPresent(run);
    if (c != null) {
      capacities.invalidate(run);
    }
    return c == null ? Map.of() : c;
  }

  /**
   * The capacity a target reports, read at most once per {@value #CAPACITY_REUSE_MINUTES} minutes per
   * target on this instance (later runs reuse the answer); empty when it reports none or fails.
   */
  public Optional<TargetCapacity> capacity(String targetId, BackupTarget target) {
    Optional<TargetCapacity> known = recentCapacities.getIfPresent(targetId);
    if (known != null) {
      return known;
    }
    Optional<TargetCapacity> c;
    try {
      c = target.capacity();
    } catch (IOException | RuntimeException e) {
      log.debug("Target {} did not report its capacity", targetId, e);
      c = Optional.empty();
    }
    recentCapacities.put(targetId, c);
    return c;
  }

  /** Whether capacities are worth sampling for the job's runs (a storage keeping baselines, findings on). */
  public boolean wanted(Job job) {
    return storage.baselines().isPresent() && AnomalyEvaluator.enabledFor(policy, job);
  }

  /** The signals measured for the run, removed; empty when none were (reported, failed, first run). */
  Optional<RunSignals> take(ExecutionId run) {
    RunSignals s = measured.getIfPresent(run);
    if (s != null) {
      measured.invalidate(run);
    }
    return Optional.ofNullable(s);
  }
}
