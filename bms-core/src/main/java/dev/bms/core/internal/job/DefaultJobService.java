package dev.bms.core.internal.job;

import dev.bms.core.internal.Arguments;
import dev.bms.api.model.Inputs;
import dev.bms.api.ConflictException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.Lifecycle;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.Storage;
import dev.bms.core.internal.compliance.ComplianceDirty;
import dev.bms.core.internal.tx.AfterCommit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job definitions: validated in full, written in one statement, read through the job cache, which
 * every write invalidates after it committed.
 */
@Singleton
public final class DefaultJobService implements JobService {
  private static final Logger log = LoggerFactory.getLogger(DefaultJobService.class);

  private final Storage storage;
  private final JobValidator validator;
  private final JobCache cache;
  private final Ids ids;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final ComplianceDirty compliance;

  @Inject
  public DefaultJobService(Storage storage, JobValidator validator, CacheProvider caches, BmsSettings settings,
                           Ids ids, Clock clock, Lifecycle lifecycle, ComplianceDirty compliance) {
    this.compliance = compliance;
    this.storage = storage;
    this.validator = validator;
    this.cache = JobCache.of(caches, settings.jobCacheSize(), settings.jobCacheTtl(), jobId -> storage.jobs().find(jobId));
    this.ids = ids;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public JobId create(BackupJob job) {
    Inputs.requireArgument("job", job);
    lifecycle.requireRunning();
    validator.validate(job);
    Instant now = now();
    Job stored = new Job(new JobId(ids.next()), job, 1, now, now);
    storage.jobs().insert(stored);
    cache.put(stored);
    log.info("Created job '{}' ({})", job.name(), stored.id());
    return stored.id();
  }

  @Override
  public Job update(JobId id, long expectedVersion, BackupJob job) {
    Inputs.requireArgument("id", id);
    Inputs.requireArgument("job", job);
    lifecycle.requireRunning();
    validator.validate(job);
    return replace(id, expectedVersion, job);
  }

  @Override
  public Job enable(JobId id) {
    Inputs.requireArgument("id", id);
    return setEnabled(id, true);
  }

  @Override
  public Job disable(JobId id) {
    Inputs.requireArgument("id", id);
    return setEnabled(id, false);
  }

  private Job setEnabled(JobId id, boolean enabled) {
    lifecycle.requireRunning();
    Job current = require(id);
    if (current.enabled() == enabled) {
      return current;
    }
    return replace(id, current.version(), current.definition().toBuilder().enabled(enabled).build());
  }

  /** Stores {@code job} as the next version of job {@code id} if it is still at {@code expectedVersion}. */
  private Job replace(JobId id, long expectedVersion, BackupJob job) {
    // in an audited call's transaction, the job as read for its audit record (one statement, not two)
    Job current = AfterCommit.readOnce(id, () -> storage.jobs().find(id))
        .orElseThrow(() -> new NotFoundException("No job with id " + id));
    if (current.version() != expectedVersion) {
      throw staleVersion(id, expectedVersion, current.version());
    }
    Job next = new Job(id, job, expectedVersion + 1, current.createdAt(), now());
    try {
      if (!storage.jobs().update(next, expectedVersion)) {
        // another writer got in between our read and our write (the store checks the version)
        Job stored = storage.jobs().find(id).orElseThrow(() -> new NotFoundException("No job with id " + id));
        throw staleVersion(id, expectedVersion, stored.version());
      }
    } finally {
      cache.invalidate(id);
    }
    compliance.mark(id);
    log.info("Updated job '{}' ({}) to version {}", job.name(), id, next.version());
    return next;
  }

  private static ConflictException staleVersion(JobId id, long expected, long actual) {
    return new ConflictException("Job " + id + " is at version " + actual + ", but the update was based on version "
        + expected + "; read it again and retry");
  }

  @Override
  public boolean delete(JobId id) {
    Inputs.requireArgument("id", id);
    lifecycle.requireRunning();
    boolean deleted;
    try {
      deleted = storage.jobs().delete(id);
    } finally {
      cache.invalidate(id);
    }
    if (deleted) {
      log.info("Deleted job {}", id);
    }
    return deleted;
  }

  @Override
  public Optional<Job> get(JobId id) {
    Inputs.requireArgument("id", id);
    lifecycle.requireRunning();
    return cache.get(id);
  }

  @Override
  public Optional<Job> findByName(String name) {
    Inputs.requireLine("name", name, Inputs.MAX_NAME_LENGTH);
    lifecycle.requireRunning();
    return storage.jobs().findByName(name);
  }

  @Override
  public Page<Job> list(JobFilter filter, PageRequest page) {
    Arguments.filter("filter", filter);
    Arguments.page("page", page);
    lifecycle.requireRunning();
    return storage.jobs().list(filter, page);
  }

  @Override
  public Page<JobOverview> overview(JobFilter filter, PageRequest page) {
    Arguments.filter("filter", filter);
    Arguments.page("page", page);
    lifecycle.requireRunning();
    return storage.jobs().overview(filter, page);
  }

  /** Loads every job into the cache, so the first read after a restart is a hit. */
  public int warmCache() {
    int loaded = 0;
    PageRequest request = PageRequest.first(1000);
    while (true) {
      Page<Job> page = storage.jobs().list(JobFilter.all(), request);
      for (Job j : page.items()) {
        cache.put(j);
      }
      loaded += page.items().size();
      if (page.nextCursor().isEmpty()) {
        return loaded;
      }
      request = PageRequest.after(page.nextCursor().get(), 1000);
    }
  }

  /** Storage keeps microseconds; truncating here makes a created job equal its stored form. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
