package dev.bms.core.internal.job;

import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.cache.KeyedCache;
import dev.bms.core.internal.cache.LocalCacheProvider;
import dev.bms.spi.cache.BmsCache;
import dev.bms.spi.cache.CacheProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The job cache ({@code "jobs"}), keyed by {@link JobId}. A read of a cached job is the hottest call
 * in bms, so on the default local cache it is one Caffeine lookup by the id itself, returning the
 * cached {@code Optional} instance: no key formatting, no allocation. On another provider (Redis
 * near cache) the SPI's string keys are used.
 */
abstract class JobCache {

  /**
   * The job cache of {@code provider}.
   *
   * @param loader reads a job from storage on a miss
   */
  static JobCache of(CacheProvider provider, long maximumSize, Duration ttl, Function<JobId, Optional<Job>> loader) {
    if (provider instanceof LocalCacheProvider local) {
      return new Local(local.keyedCache("jobs", maximumSize, ttl), loader);
    }
    return new Shared(provider.cache("jobs", maximumSize, ttl), loader);
  }

  /** The cached job, or the loader's, cached; empty (nothing cached) when the loader finds none. */
  abstract Optional<Job> get(JobId id);

  abstract void put(Job job);

  abstract void invalidate(JobId id);

  /** Values are the {@code Optional}s handed out, so that a hit returns one without allocating. */
  private static final class Local extends JobCache {
    private final KeyedCache<JobId, Optional<Job>> cache;
    /** Built once: a lambda created per call would allocate on every hit. */
    private final Function<JobId, Optional<Job>> presentOrNull;

    Local(KeyedCache<JobId, Optional<Job>> cache, Function<JobId, Optional<Job>> loader) {
      this.cache = cache;
      this.presentOrNull = id -> {
        Optional<Job> loaded = loader.apply(id);
        return loaded.isPresent() ? loaded : null;
      };
    }

    @Override
    Optional<Job> get(JobId id) {
      Optional<Job> job = cache.get(id, presentOrNull);
      return job != null ? job : Optional.empty();
    }

    @Override
    void put(Job job) {
      cache.put(job.id(), Optional.of(job));
    }

    @Override
    void invalidate(JobId id) {
      cache.invalidate(id);
    }
  }

  private static final class Shared extends JobCache {
    private final BmsCache<Job> cache;
    private final Function<String, Job> byKey;

    Shared(BmsCache<Job> cache, Function<JobId, Optional<Job>> loader) {
      this.cache = cache;
      this.byKey = key -> loader.apply(JobId.parse(key)).orElse(null);
    }

    @Override
    Optional<Job> get(JobId id) {
      return cache.get(id.toString(), byKey);
    }

    @Override
    void put(Job job) {
      cache.put(job.id().toString(), job);
    }

    @Override
    void invalidate(JobId id) {
      cache.invalidate(id.toString());
    }
  }
}
