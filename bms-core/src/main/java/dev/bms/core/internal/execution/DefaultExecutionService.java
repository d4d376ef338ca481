package dev.bms.core.internal.execution;

import dev.bms.core.internal.Arguments;
import dev.bms.api.model.Inputs;
import dev.bms.api.ConflictException;
import dev.bms.api.ExecutionService;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.ReportedRun;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.engine.QueueControl;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.Mdc;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Executions in both modes: managed ({@code runNow}) and reported (begin/heartbeat/complete/fail). */
@Singleton
public final class DefaultExecutionService implements ExecutionService {
  /** Owner recorded on reported executions: the external tool, not a bms instance. */
  static final String REPORTED_OWNER = "external";

  private final Storage storage;
  private final JobService jobs;
  private final ManagedRunner runner;
  private final ExecutionRecorder recorder;
  private final LiveProgress live;
  private final Ids ids;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final String instanceId;
  private final QueueControl queue;
  private final ExecutionImports imports;
  private final ReportTokens tokens = new ReportTokens();

  @Inject
  public DefaultExecutionService(Storage storage, JobService jobs, ManagedRunner runner, ExecutionRecorder recorder,
                                 LiveProgress live, Ids ids, Clock clock, Lifecycle lifecycle, BmsSettings settings,
                                 QueueControl queue, ExecutionImports imports) {
    this.storage = storage;
    this.jobs = jobs;
    this.runner = runner;
    this.recorder = recorder;
    this.live = live;
    this.ids = ids;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.instanceId = settings.instanceId();
    this.queue = queue;
    this.imports = imports;
  }

  @Override
  public Execution runNow(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    Job job = jobs.require(jobId);
    if (job.definition().source().isExternal()) {
      throw new InvalidRequestException("Job '" + job.name() + "' has an external source: its backups are run by"
          + " another tool and reported with executions().begin(jobId); runNow cannot run it");
    }
    return queue.runNow(job, newRunning(job, ExecutionMode.MANAGED, ExecutionTrigger.MANUAL, instanceId));
  }

  @Override
  public Execution submit(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return queue.submit(jobs.require(jobId));
  }

  @Override
  public Execution cancel(ExecutionId id) {
    Inputs.requireArgument("id", id);
    lifecycle.requireRunning();
    return queue.cancel(id, jobs::get);
  }

  @Override
  public ReportedRun begin(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    Job job = jobs.require(jobId);
    Execution running = newRunning(job, ExecutionMode.REPORTED, ExecutionTrigger.REPORTED, REPORTED_OWNER);
    String token = tokens.generate();
    try (Mdc ignored = Mdc.of(job.id(), job.name(), running.id())) {
      return new ReportedRun(queue.begin(job, running, ReportTokens.hash(token)), token);
    }
  }

  @Override
  public Execution heartbeat(ExecutionId id, String token, long progressBytes) {
    Inputs.requireArgument("id", id);
    if (progressBytes < 0) {
      throw new InvalidRequestException("progressBytes must not be negative: " + progressBytes);
    }
    ReportTokens.requireWellFormed(id, token);
    lifecycle.requireRunning();
    Execution current = requireReportable(id, token, "heartbeat");
    Instant now = now();
    if (!queue.heartbeat(current, progressBytes, now)) {
      throw new ConflictException("Execution " + id + " finished meanwhile; heartbeat refused");
    }
    return current.withHeartbeat(now, progressBytes);
  }

  @Override
  public Execution complete(ExecutionId id, String token, List<CopyResult> copies) {
    Inputs.requireArgument("id", id);
    requireStorable("copies", copies);
    ReportTokens.requireWellFormed(id, token);
    lifecycle.requireRunning();
    Execution current = requireReportable(id, token, "complete");
    Job job = jobs.require(current.jobId());
    List<CopyResult> results = reconcile(job, copies);
    ExecutionOutcome outcome = ExecutionOutcome.fromCopies(results, now());
    try (Mdc ignored = Mdc.of(job.id(), job.name(), id)) {
      return recorder.finishedReported(job, current, outcome);
    }
  }

  @Override
  public Execution fail(ExecutionId id, String token, String reason) {
    Inputs.requireArgument("id", id);
    if (Inputs.requireText("reason", reason).isBlank()) {
      throw new InvalidRequestException("reason: must not be blank");
    }
    ReportTokens.requireWellFormed(id, token);
    lifecycle.requireRunning();
    Execution current = requireReportable(id, token, "fail");
    Job job = jobs.require(current.jobId());
    ExecutionOutcome outcome = new ExecutionOutcome(ExecutionStatus.FAILED, now(), 0, 0, Optional.of(reason), List.of());
    try (Mdc ignored = Mdc.of(job.id(), job.name(), id)) {
      return recorder.finishedReported(job, current, outcome);
    }
  }

  @Override
  public Optional<Execution> get(ExecutionId id) {
    Inputs.requireArgument("id", id);
    lifecycle.requireRunning();
    Optional<Execution> stored = storage.executions().find(id);
    Optional<LiveProgress.Counters> progress = live.of(id);
    if (stored.isEmpty() || progress.isEmpty() || stored.get().status().isTerminal()) {
      return stored;
    }
    // while it runs here: bytes and files read so far (files counts those read to their end)
    return Optional.of(stored.get().toBuilder().progressBytes(progress.get().bytes())
        .files(progress.get().files()).build());
  }

  @Override
  public Page<Execution> list(ExecutionFilter filter, PageRequest page) {
    Arguments.filter("filter", filter);
    Arguments.page("page", page);
    lifecycle.requireRunning();
    return storage.executions().list(filter, page);
  }

  @Override
  public List<Execution> record(List<ReportedExecution> executions) {
    Inputs.requireArgument("executions", executions);
    for (int i = 0; i < executions.size(); i++) {
      requireStorable("executions[" + i + "].copies",
          Inputs.requireArgument("executions[" + i + "]", executions.get(i)).copies());
    }
    lifecycle.requireRunning();
    return imports.record(executions);
  }

  @Override
  public Map<JobId, List<Execution>> latestByJobs(Collection<JobId> jobIds, int perJob) {
    Inputs.requireArgument("jobIds", jobIds);
    if (jobIds.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidRequestException("jobIds: must not hold null");
    }
    lifecycle.requireRunning();
    return imports.latestByJobs(jobIds, perJob);
  }

  private Execution newRunning(Job job, ExecutionMode mode, ExecutionTrigger trigger, String owner) {
    Instant now = now();
    return Execution.builder(new ExecutionId(ids.next()), job.id(), now).mode(mode).trigger(trigger)
        .status(ExecutionStatus.RUNNING).startedAt(now).heartbeatAt(now).owner(owner).version(1).build();
  }

  /**
   * The reported execution a report names, once the report's token proved to be the one begin
   * handed out, and while it still runs. Checked in this order, before anything is written: it
   * exists, it is reported, the token matches (so a stranger learns nothing of its state), it is not
   * finished. The stored hash never changes, so reading it before the fenced write is safe.
   */
  private Execution requireReportable(ExecutionId id, String token, String operation) {
    Execution e = storage.executions().find(id).orElseThrow(() -> new NotFoundException("No execution with id " + id));
    if (e.mode() != ExecutionMode.REPORTED) {
      throw new InvalidRequestException("Execution " + e.id() + " is run by bms (" + e.mode() + "); only reported"
          + " executions can be told to " + operation);
    }
    ReportTokens.verify(id, storage.executions().reportTokenHash(id), token);
    if (e.status().isTerminal()) {
      throw new ConflictException("Execution " + id + " already finished with status " + e.status());
    }
    return e;
  }

  /**
   * Matches reported copy results with the job's copies: every name must be the job's and appear
   * once; the target type comes from the job; copies not mentioned are recorded as failed.
   */
  static List<CopyResult> reconcile(Job job, List<CopyResult> reported) {
    requireStorable("copies", reported);
    Map<String, CopyResult> byName = new HashMap<>();
    Set<String> problems = new LinkedHashSet<>();
    for (CopyResult r : reported) {
      if (job.definition().copy(r.copyName()).isEmpty()) {
        problems.add("copy '" + Inputs.excerpt(r.copyName()) + "' is not a copy of job '" + job.name()
            + "' (its copies: " + job.definition().copies().stream().map(CopySpec::name).toList() + ")");
      } else if (byName.putIfAbsent(r.copyName(), r) != null) {
        problems.add("copy '" + r.copyName() + "' is reported twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(String.join("; ", problems));
    }
    List<CopyResult> results = new ArrayList<>();
    for (CopySpec spec : job.definition().copies()) {
      CopyResult r = byName.get(spec.name());
      results.add(r == null ? CopyResult.failed(spec.name(), "not reported").withTargetType(spec.targetType())
          : r.withTargetType(spec.targetType()));
    }
    return results;
  }

  /** Reported copies as storage can keep them: no nulls, bounded one-line names and locations, free-text errors. */
  private static void requireStorable(String name, List<CopyResult> reported) {
    Inputs.requireArgument(name, reported);
    for (int i = 0; i < reported.size(); i++) {
      String at = name + "[" + i + "]";
      CopyResult r = Inputs.requireArgument(at, reported.get(i));
      Inputs.requireLine(at + ".copyName", r.copyName(), Inputs.MAX_NAME_LENGTH);
      r.location().ifPresent(l -> Inputs.requireLine(at + ".location", l, Inputs.MAX_PATH_LENGTH));
      r.error().ifPresent(e -> Inputs.requireText(at + ".error", e));
      r.immutableUntil().ifPresent(t -> Inputs.requireInstant(at + ".immutableUntil", t));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
