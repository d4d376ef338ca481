package dev.bms.core.internal.restore;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.event.RestoreFinishedEvent;
import dev.bms.api.event.RestoreStartedEvent;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.ConflictPolicy;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreStatus;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.metrics.Observations;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one resolved restore: records it RUNNING (holding its restore point against retention with
 * a lease), refuses it whole when a selected manifest path would escape the destination, restores
 * file by file under the conflict policy, renews the lease while it runs, and records the outcome,
 * its metrics and its events.
 */
@Singleton
public final class RestoreRunner {
  /** How long a restore holds its restore point without renewing. */
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final long HEARTBEAT_NANOS = Duration.ofSeconds(5).toNanos();
  private static final Logger log = LoggerFactory.getLogger(RestoreRunner.class);

  private final Storage storage;
  private final Clock clock;
  private final EventBus events;
  private final RestoreMetrics metrics;
  private final Observations observations;

  @Inject
  public RestoreRunner(Storage storage, Clock clock, EventBus events, RestoreMetrics metrics,
                       Observations observations) {
    this.observations = observations;
    this.storage = storage;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
  }

  /** Records the restore as RUNNING and publishes {@link RestoreStartedEvent}; returns its live state. */
  RestoreRun begin(Resolved r, RestoreId id) {
    Instant now = now();
    RestoreRun run = new RestoreRun(id, clock, now, r.request().timeout().map(now::plus), r.selected().size(), r.bytes());
    RestoreExecution started = record(r, id, RestoreStatus.RUNNING, now, Optional.empty(), run, Optional.empty());
    RequiredStores.restores(storage).insert(started, storage.now().plus(LEASE));
    events.publish(new RestoreStartedEvent(r.job(), started, now));
    return run;
  }

  /** Restores every selected file and records the outcome. Never throws for a per-file problem. */
  RestoreExecution run(Resolved r, RestoreId id, RestoreRun run) {
    return observations.restore(r.job(), id.toString(), () -> runObserved(r, id, run));
  }

  private RestoreExecution runObserved(Resolved r, RestoreId id, RestoreRun run) {
    RestoreStatus status;
    Optional<String> error = Optional.empty();
    try {
      if (refuseEscapes(r, run)) {
        status = RestoreStatus.FAILED;
        error = Optional.of("refused: manifest paths would leave the destination; nothing was written");
      } else {
        restoreAll(r, id, run);
        status = run.filesFailed > 0 ? RestoreStatus.FAILED : RestoreStatus.SUCCEEDED;
        if (run.filesFailed > 0) {
          error = Optional.of(run.filesFailed + " of " + r.selected().size() + " files could not be restored");
        }
      }
    } catch (RestoreStopped stopped) {
      status = stopped.status();
      error = Optional.of(stopped.getMessage());
    } catch (RuntimeException e) {
      log.warn("Restore {} of restore point {} failed", id, r.point().id(), e);
      status = RestoreStatus.FAILED;
      error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    RestoreExecution done = record(r, id, status, run.startedAt(), Optional.of(now()), run, error);
    RequiredStores.restores(storage).finish(done);
    metrics.finished(r.job(), done);
    events.publish(new RestoreFinishedEvent(r.job(), done, done.finishedAt().orElseThrow()));
    log.info("Restore {} of job '{}' from restore point {} ended {}: {} restored, {} skipped, {} failed, {} bytes",
        id, r.job().name(), r.point().id(), status, run.filesRestored, run.filesSkipped, run.filesFailed, run.bytesDone());
    return done;
  }

  private boolean refuseEscapes(Resolved r, RestoreRun run) {
    boolean refused = false;
    for (ManifestEntry e : r.selected()) {
      Optional<String> problem = RestorePaths.problem(e.path());
      if (problem.isPresent()) {
        run.problems.add(new RestoreProblem(e.path(), Optional.empty(), RestoreProblem.Kind.PATH_ESCAPE,
            "refused: " + problem.get(), false));
        run.filesFailed++;
        refused = true;
      }
    }
    return refused;
  }

  private void restoreAll(Resolved r, RestoreId id, RestoreRun run) {
    FileRestorer files = new FileRestorer();
    ConflictPolicy policy = r.request().conflictPolicy();
    long lastBeat = System.nanoTime();
    for (ManifestEntry e : r.selected()) {
      run.checkStop();
      run.working(e.path());
      restoreOne(r, run, files, policy, e);
      run.fileDone();
      if (System.nanoTime() - lastBeat > HEARTBEAT_NANOS) {
        lastBeat = System.nanoTime();
        RequiredStores.restores(storage).heartbeat(id, run.filesDone(), run.bytesDone(), storage.now().plus(LEASE));
      }
    }
  }

  private void restoreOne(Resolved r, RestoreRun run, FileRestorer files, ConflictPolicy policy, ManifestEntry e) {
    String landsAs = e.path();
    boolean replace = false;
    try {
      if (r.sink().exists(e.path())) {
        switch (policy) {
          case FAIL -> {
            run.problems.add(new RestoreProblem(e.path(), Optional.empty(), RestoreProblem.Kind.CONFLICT,
                "exists at the destination (conflict policy FAIL)", false));
            run.filesFailed++;
            return;
          }
          case SKIP -> {
            run.filesSkipped++;
            return;
          }
          case OVERWRITE -> replace = true;
          case KEEP_BOTH -> landsAs = freeName(r, e.path());
        }
      }
    } catch (DestinationSymlinkException link) {
      run.problems.add(new RestoreProblem(e.path(), Optional.empty(), RestoreProblem.Kind.SYMLINK, link.getMessage(), false));
      run.filesFailed++;
      return;
    } catch (IOException io) {
      run.problems.add(new RestoreProblem(e.path(), Optional.empty(), RestoreProblem.Kind.WRITE_FAILED,
          "cannot inspect the destination: " + io.getMessage(), false));
      run.filesFailed++;
      return;
    }
    files.restore(e, landsAs, replace, r.copies(), r.sink(), run);
  }

  /** The first {@code name.restored-N.ext} not taken at the destination. */
  static String freeName(Resolved r, String path) throws IOException {
    for (int n = 1; ; n++) {
      String candidate = RestorePaths.keepBothName(path, n);
      if (!r.sink().exists(candidate)) {
        return candidate;
      }
    }
  }

  private RestoreExecution record(Resolved r, RestoreId id, RestoreStatus status, Instant startedAt,
                                  Optional<Instant> finishedAt, RestoreRun run, Optional<String> error) {
    List<RestoreProblem> problems = List.copyOf(run.problems);
    return new RestoreExecution(id, r.job().id(), r.point().id(), r.request().requestedBy(),
        r.request().destination().describe(), r.request().selection(), r.request().copyName(), r.request().conflictPolicy(), status,
        startedAt, finishedAt, r.selected().size(), r.bytes(), run.filesRestored, run.filesSkipped, run.filesFailed,
        run.bytesDone(), run.usage(), problems, error);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
