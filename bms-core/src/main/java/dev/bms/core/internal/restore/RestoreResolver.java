package dev.bms.core.internal.restore;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.restore.RestoreDestination;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.RestoreSink;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a request: finds the restore point ("as of" picks the job's newest one at or before the
 * instant, among points retention has not deleted), its manifest, the selected files, and the
 * copies still holding it in reading order. Refuses bad requests before anything is recorded.
 */
@Singleton
public final class RestoreResolver {
  private final Storage storage;
  private final JobService jobs;
  private final PluginRegistry plugins;

  @Inject
  public RestoreResolver(Storage storage, JobService jobs, PluginRegistry plugins) {
    this.storage = storage;
    this.jobs = jobs;
    this.plugins = plugins;
  }

  Resolved resolve(RestoreRequest request) {
    Selection selection = Selection.of(request.selection());
    Execution point = point(request.point());
    if (!point.status().producedRestorePoint()) {
      throw new InvalidRequestException("point: execution " + point.id() + " is " + point.status()
          + " and holds no restore point");
    }
    Job job = jobs.require(point.jobId());
    Manifest manifest = storage.executions().manifest(point.id()).orElseThrow(() -> new InvalidRequestException(
        "point: execution " + point.id() + " has no recorded manifest (reported executions are written by another tool)"));
    Optional<Set<String>> liveCopies = liveCopies(job, point.id());
    Execution live = point.withCopies(point.copies().stream()
        .filter(c -> liveCopies.map(s -> s.contains(c.copyName())).orElse(true)).toList());
    List<CopyCandidate> copies = CopyRanking.rank(job, live, request.copyName(), evidence(job), plugins);
    if (copies.isEmpty()) {
      throw new InvalidRequestException("point: restore point " + point.id() + " has no readable copy left");
    }
    List<ManifestEntry> selected = manifest.entries().stream().filter(e -> selection.matches(e.path())).toList();
    if (!request.selection().isEmpty() && selected.isEmpty()) {
      throw new InvalidRequestException("selection: " + Selection.shorten(String.join(", ", request.selection()))
          + " matches no file of restore point " + point.id());
    }
    RestoreSink sink = request.destination() instanceof RestoreDestination.Directory d
        ? new DirectorySink(d.path())
        : ((RestoreDestination.Sink) request.destination()).sink();
    return new Resolved(request, job, point, selected, copies, sink);
  }

  private Execution point(RestorePointRef ref) {
    if (ref instanceof RestorePointRef.Exact e) {
      return storage.executions().find(e.executionId())
          .orElseThrow(() -> new NotFoundException("No execution with id " + e.executionId()));
    }
    RestorePointRef.AsOf a = (RestorePointRef.AsOf) ref;
    Job job = jobs.require(a.jobId());
    ExecutionId newest = RequiredStores.retention(storage).restorePoints(job.id()).stream()
        .filter(p -> !p.createdAt().isAfter(a.at()))
        .max(Comparator.comparing(StoredRestorePoint::createdAt).thenComparing(StoredRestorePoint::executionId))
        .map(StoredRestorePoint::executionId)
        .orElseThrow(() -> new NotFoundException("Job '" + job.name() + "' has no restore point"
            + (a.at().equals(java.time.Instant.MAX) ? "" : " at or before " + a.at())));
    return storage.executions().find(newest).orElseThrow(() -> new NotFoundException("No execution with id " + newest));
  }

  /** The copies of the point retention has not deleted; empty when the storage keeps no retention. */
  private Optional<Set<String>> liveCopies(Job job, ExecutionId point) {
    return storage.retention().map(r -> r.restorePoints(job.id()).stream()
        .filter(p -> p.executionId().equals(point)).map(p -> p.copy().copyName()).collect(Collectors.toSet()));
  }

  private List<VerificationEvidence> evidence(Job job) {
    return storage.verifications().map(v -> v.forJob(job.id(), 100)).orElse(List.of());
  }
}
