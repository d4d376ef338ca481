package dev.bms.core.internal.restore;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.restore.RestoreTimeEstimate;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.storage.RestoreStore.Throughput;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restore time as evidence: the size of the job's newest restore point divided by the throughput
 * last measured restoring from the copy a restore would read first (among copies that have a
 * measurement). Nothing is assumed: without a measurement there is no estimate, and a storage
 * without retention or restore records (which keep the points and the measurements) gives none.
 */
@Singleton
public final class RtoEstimator {
  private final Storage storage;
  private final PluginRegistry plugins;

  @Inject
  public RtoEstimator(Storage storage, PluginRegistry plugins) {
    this.storage = storage;
    this.plugins = plugins;
  }

  Optional<RestoreTimeEstimate> estimate(Job job) {
    if (storage.retention().isEmpty() || storage.restores().isEmpty()) {
      return Optional.empty();
    }
    List<StoredRestorePoint> points = RequiredStores.retention(storage).restorePoints(job.id());
    Optional<StoredRestorePoint> newest = points.stream().max(Comparator.comparing(StoredRestorePoint::createdAt)
        .thenComparing(StoredRestorePoint::executionId));
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Optional<Execution> point = storage.executions().find(newest.get().executionId());
    if (point.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Throughput> measured = new HashMap<>();
    for (Throughput t : RequiredStores.restores(storage).throughput(List.of(job.id())).getOrDefault(job.id(), List.of())) {
      if (t.usage().bytesPerSecond() > 0) {
        measured.merge(t.copyName(), t, (a, b) -> a.measuredAt().isAfter(b.measuredAt()) ? a : b);
      }
    }
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    List<VerificationEvidence> evidence = storage.verifications().map(v -> v.forJob(job.id(), 100)).orElse(List.of());
    Optional<Duration> target = Optional.ofNullable(RequiredStores.restores(storage).rtoTargets(List.of(job.id())).get(job.id()));
    for (CopyCandidate c : CopyRanking.rank(job, point.get(), Optional.empty(), evidence, plugins)) {
      Throughput t = measured.get(c.copyName());
      if (t != null) {
        long bytes = newest.get().copy().bytes();
        double rate = t.usage().bytesPerSecond();
        Duration estimate = Duration.ofNanos((long) Math.ceil(bytes / rate * 1e9));
        return Optional.of(new RestoreTimeEstimate(job.id(), point.get().id(), bytes, c.copyName(), rate,
            t.measuredAt(), estimate, target));
      }
    }
    return Optional.empty();
  }
}
