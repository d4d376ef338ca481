package dev.bms.core.internal.restore;

import dev.bms.core.internal.tx.AfterCommit;

import dev.bms.core.internal.Arguments;
import dev.bms.api.model.Inputs;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.RestoreService;
import dev.bms.api.event.RtoEvaluatedEvent;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.FileVersion;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestorePlan;
import dev.bms.api.restore.RestoreProgress;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.api.restore.RestoreStatus;
import dev.bms.api.restore.RestoreTimeEstimate;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.event.EventBus;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RestoreService}: resolves requests ({@link RestoreResolver}), runs them on the caller's
 * thread or on the restore pool ({@link RestoreRunner}), tracks the ones running here for progress,
 * await and cancel, and answers catalog searches and restore-time evidence from storage. The pool's
 * threads exist only once a restore was started in the background, and stop on {@link #close()}.
 */
@Singleton
public final class DefaultRestoreService implements RestoreService, AutoCloseable {
  private final Storage storage;
  private final JobService jobs;
  private final RestoreResolver resolver;
  private final RestoreRunner runner;
  private final RtoEstimator rto;
  private final Ids ids;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final EventBus events;
  private final Map<RestoreId, Running> running = new ConcurrentHashMap<>();
  private ExecutorService pool;

  @Inject
  public DefaultRestoreService(Storage storage, JobService jobs, RestoreResolver resolver, RestoreRunner runner,
                               RtoEstimator rto, Ids ids, Clock clock, Lifecycle lifecycle, EventBus events) {
    this.storage = storage;
    this.jobs = jobs;
    this.resolver = resolver;
    this.runner = runner;
    this.rto = rto;
    this.ids = ids;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.events = events;
  }

  private record Running(RestoreRun run, CompletableFuture<RestoreExecution> done) {
  }

  @Override
  public RestorePlan plan(RestoreRequest request) {
    Arguments.restore("request", request);
    lifecycle.requireRunning();
    return RestorePlanner.plan(resolver.resolve(request));
  }

  @Override
  public RestoreExecution restore(RestoreRequest request) {
    Arguments.restore("request", request);
    lifecycle.requireRunning();
    Resolved r = resolver.resolve(request);
    RestoreId id = new RestoreId(ids.next());
    RestoreRun run = runner.begin(r, id);
    Running here = new Running(run, new CompletableFuture<>());
    running.put(id, here);
    try {
      RestoreExecution done = runner.run(r, id, run);
      afterwards(r.job());
      here.done().complete(done);
      return done;
    } finally {
      running.remove(id);
    }
  }

  @Override
  public RestoreId start(RestoreRequest request) {
    Arguments.restore("request", request);
    lifecycle.requireRunning();
    Resolved r = resolver.resolve(request);
    RestoreId id = new RestoreId(ids.next());
    RestoreRun run = runner.begin(r, id);
    // the worker reads the restore on its own connection: inside a joint transaction (an audited start)
    // it is handed over once the restore's row is committed
    AfterCommit.run(() -> hand(r, id, run));
    return id;
  }

  private void hand(Resolved r, RestoreId id, RestoreRun run) {
    Running here = new Running(run, new CompletableFuture<>());
    running.put(id, here);
    pool().execute(() -> {
      try {
        RestoreExecution done = runner.run(r, id, run);
        afterwards(r.job());
        here.done().complete(done);
      } catch (RuntimeException | Error e) {
        here.done().completeExceptionally(e);
      } finally {
        running.remove(id);
      }
    });
  }

  @Override
  public Optional<RestoreExecution> await(RestoreId id, Duration timeout) {
    Inputs.requireArgument("id", id);
    Inputs.requireArgument("timeout", timeout);
    Running here = running.get(id);
    if (here != null) {
      try {
        return Optional.of(here.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException stillRunning) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (ExecutionException e) {
        // recorded as failed by the runner where it could be; fall through to what storage says
      }
    }
    return get(id).filter(e -> e.status().terminal());
  }

  @Override
  public boolean cancel(RestoreId id) {
    Inputs.requireArgument("id", id);
    Running here = running.get(id);
    if (here == null) {
      return false;
    }
    // a stop cannot be undone: inside a joint transaction (an audited cancel) it is signalled once committed
    AfterCommit.run(() -> here.run().cancel());
    return true;
  }

  @Override
  public Optional<RestoreProgress> progress(RestoreId id) {
    Inputs.requireArgument("id", id);
    Running here = running.get(id);
    if (here != null) {
      return Optional.of(here.run().progress(RestoreStatus.RUNNING));
    }
    return get(id).map(e -> new RestoreProgress(id, e.status(), e.filesRestored() + e.filesSkipped() + e.filesFailed(),
        e.filesPlanned(), e.bytesRestored(), e.bytesPlanned(), Optional.empty()));
  }

  @Override
  public Optional<RestoreExecution> get(RestoreId id) {
    Inputs.requireArgument("id", id);
    lifecycle.requireRunning();
    return RequiredStores.restores(storage).find(id);
  }

  @Override
  public Page<RestoreExecution> list(Optional<JobId> jobId, PageRequest page) {
    Inputs.requireArgument("jobId", jobId);
    Arguments.page("page", page);
    lifecycle.requireRunning();
    return RequiredStores.restores(storage).list(jobId, page);
  }

  @Override
  public Page<CatalogEntry> files(ExecutionId restorePoint, String prefix, PageRequest page) {
    Inputs.requireArgument("restorePoint", restorePoint);
    Inputs.requirePath("prefix", prefix);
    Arguments.page("page", page);
    lifecycle.requireRunning();
    return RequiredStores.catalog(storage).files(restorePoint, prefix.startsWith("/") ? prefix.substring(1) : prefix, page);
  }

  @Override
  public List<FileVersion> find(FileQuery query) {
    Inputs.requireArgument("query", query);
    Inputs.requirePath("query.value", query.value());
    query.since().ifPresent(t -> Inputs.requireInstant("query.since", t));
    lifecycle.requireRunning();
    return RequiredStores.catalog(storage).versions(query);
  }

  @Override
  public Optional<RestoreTimeEstimate> timeToRestore(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return rto.estimate(jobs.require(jobId));
  }

  @Override
  public void setRtoTarget(JobId jobId, Duration target) {
    Inputs.requireArgument("jobId", jobId);
    if (Inputs.requireArgument("target", target).isNegative() || target.isZero()) {
      throw new InvalidRequestException("target: must be positive, was " + target);
    }
    lifecycle.requireRunning();
    Job job = jobs.require(jobId);
    RequiredStores.restores(storage).putRtoTarget(job.id(), Optional.of(target), clock.instant());
    afterwards(job);
  }

  @Override
  public void clearRtoTarget(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    RequiredStores.restores(storage).putRtoTarget(jobs.require(jobId).id(), Optional.empty(), clock.instant());
  }

  /** Re-judges the job's RTO on new evidence (a finished restore, a new target). */
  private void afterwards(Job job) {
    try {
      rto.estimate(job).filter(e -> e.target().isPresent())
          .ifPresent(e -> events.publish(new RtoEvaluatedEvent(job, e, clock.instant())));
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(DefaultRestoreService.class)
          .warn("Could not evaluate the RTO of job '{}'", job.name(), e);
    }
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bms-restore-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  /** Cancels running restores and stops the pool. */
  @Override
  public synchronized void close() {
    running.values().forEach(r -> r.run().cancel());
    if (pool != null) {
      pool.shutdown();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
