package dev.bms.core.internal.job;

import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import dev.bms.core.internal.tx.AfterCommit;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The job cache ({@code "jobs"}), keyed by {@link JobId}. A read of a cached job is the hottest call
 * in bms, so it is one lookup by the id itself in the provider's {@link KeyedCache}, returning the
 * cached {@code Optional} instance: no key formatting, no allocation, on every provider. Ids are
 * formatted only when an invalidation crosses to other instances.
 */
final class JobCache {
  private static final KeyCodec<JobId> IDS = KeyCodec.of(JobId::toString, JobId::parse);

  private final KeyedCache<JobId, Job> cache;
  /** Built once: a lambda created per call would allocate on every hit. */
  private final Function<JobId, Job> loadOrNull;

  private JobCache(KeyedCache<JobId, Job> cache, Function<JobId, Optional<Job>> loader) {
    this.cache = cache;
    this.loadOrNull = id -> loader.apply(id).orElse(null);
  }

  /**
   * The job cache of {@code provider}.
   *
   * @param loader reads a job from storage on a miss
   */
  static JobCache of(CacheProvider provider, long maximumSize, Duration ttl, Function<JobId, Optional<Job>> loader) {
    return new JobCache(provider.keyedCache("jobs", maximumSize, ttl, IDS), loader);
  }

  /** The cached job, or the loader's, cached; empty (nothing cached) when the loader finds none. */
  Optional<Job> get(JobId id) {
    Optional<Job> readInTransaction = AfterCommit.readInThisTransaction(id);
    if (readInTransaction != null) {
      return readInTransaction; // read from storage in this thread's joint transaction (see AfterCommit.readOnce)
    }
    if (AfterCommit.touched(id)) {
      // this thread's joint transaction changed the job: the cache holds the committed state, and what
      // this thread reads is not committed yet, so it is neither served from nor put into the cache
      return Optional.ofNullable(loadOrNull.apply(id));
    }
    return cache.get(id, loadOrNull);
  }

  void put(Job job) {
    AfterCommit.touch(job.id());
    AfterCommit.run(() -> cache.put(job.id(), job));
  }

  /** Drops the job here and on every instance; inside a joint transaction, once it committed. */
  void invalidate(JobId id) {
    AfterCommit.touch(id);
    AfterCommit.run(() -> cache.invalidate(id));
  }
}
