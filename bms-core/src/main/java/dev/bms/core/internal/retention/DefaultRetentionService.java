package dev.bms.core.internal.retention;

import dev.bms.api.model.Inputs;
import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.model.Alert;
import dev.bms.core.internal.alert.AnomalyAlerts;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.CopyLockedException;
import dev.bms.api.JobService;
import dev.bms.api.RetentionService;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDecision;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPlan;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import dev.bms.spi.storage.Storage;
import dev.bms.core.internal.compliance.ComplianceDirty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention per copy: each copy's restore points are judged by its own policy
 * ({@code CopySpec.retention()}, else the job's); expired copies are deleted through their target
 * plugin and every attempt is recorded with the rule that expired it. Never deleted: the job's last
 * verified good restore point ({@link VerifiedRestorePoints}; while no verification has passed, the
 * newest restore point whose copies all succeeded stands in for it) and copies still immutable.
 */
@Singleton
public final class DefaultRetentionService implements RetentionService {
  private static final Logger log = LoggerFactory.getLogger(DefaultRetentionService.class);

  private final Storage storage;
  private final ComplianceDirty compliance;
  private final JobService jobs;
  private final PluginRegistry plugins;
  private final VerifiedRestorePoints verified;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final AnomalyPolicy anomalyPolicy;

  @Inject
  public DefaultRetentionService(Storage storage, JobService jobs, PluginRegistry plugins,
                                 VerifiedRestorePoints verified, Clock clock, Lifecycle lifecycle,
                                 ComplianceDirty compliance, AnomalyPolicy anomalyPolicy) {
    this.anomalyPolicy = anomalyPolicy;
    this.compliance = compliance;
    this.storage = storage;
    this.jobs = jobs;
    this.plugins = plugins;
    this.verified = verified;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public RetentionPlan preview(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return plan(jobs.require(jobId));
  }

  @Override
  public List<RetentionDeletion> apply(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return apply(jobs.require(jobId));
  }

  /** Applies retention after a successful run of the job (the engine's worker calls this). */
  public List<RetentionDeletion> applyAfterRun(Job job) {
    if (allForever(job)) {
      return List.of();
    }
    // a storage without retention keeps every copy: nothing to apply
    return storage.retention().isPresent() ? apply(job) : List.of();
  }

  @Override
  public List<RetentionDeletion> deletions(JobId jobId, int limit) {
    Inputs.requireArgument("jobId", jobId);
    if (limit < 1 || limit > 10_000) {
      throw new dev.bms.api.InvalidRequestException("limit must be between 1 and 10000: " + limit);
    }
    lifecycle.requireRunning();
    return RequiredStores.retention(storage).deletions(jobId, limit);
  }

  private static boolean allForever(Job job) {
    return job.definition().copies().stream()
        .allMatch(c -> c.retention().orElse(job.definition().retention()).keepsForever());
  }

  private RetentionPlan plan(Job job) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<StoredRestorePoint> points = RequiredStores.retention(storage).restorePoints(job.id());
    Optional<ExecutionId> protectedPoint = verified.lastVerified(job.id())
        .or(() -> points.stream().filter(StoredRestorePoint::allCopiesSucceeded)
            .max(Comparator.comparing(StoredRestorePoint::createdAt)).map(StoredRestorePoint::executionId));
    Map<String, List<StoredRestorePoint>> byCopy = new LinkedHashMap<>();
    for (StoredRestorePoint p : points) {
      byCopy.computeIfAbsent(p.copy().copyName(), k -> new ArrayList<>()).add(p);
    }
    ZoneId zone = job.definition().schedule() instanceof Schedule.Cron cron ? cron.zone() : ZoneOffset.UTC;
    List<RetentionDecision> decisions = new ArrayList<>();
    byCopy.forEach((copyName, copyPoints) -> {
      RetentionPolicy policy = job.definition().copy(copyName).flatMap(CopySpec::retention)
          .orElse(job.definition().retention());
      decisions.addAll(RetentionEvaluator.decide(policy, copyPoints, now, zone, protectedPoint));
    });
    decisions.replaceAll(protectRestoring(job, decisions));
    decisions.replaceAll(pausedByRansomware(job, decisions));
    decisions.sort(Comparator.comparing(RetentionDecision::restorePointAt).reversed());
    return new RetentionPlan(job.id(), now, decisions);
  }

  /**
   * While a ransomware-suspected alert of the job is open (and the policy or the job's label says
   * so) nothing is deleted, so the last clean restore points cannot age out. One read, only when
   * something would be deleted.
   */
  private java.util.function.UnaryOperator<RetentionDecision> pausedByRansomware(Job job,
                                                                                List<RetentionDecision> decisions) {
    if (!pauseOnRansomware(job) || decisions.stream().noneMatch(d -> d.verdict() == RetentionDecision.Verdict.DELETE)) {
      return java.util.function.UnaryOperator.identity();
    }
    Optional<Alert> open = AnomalyAlerts.openRansomwareAlert(storage.alerts(), job.id());
    if (open.isEmpty()) {
      return java.util.function.UnaryOperator.identity();
    }
    String why = ", but retention is paused while ransomware alert " + open.get().id() + " is open";
    return d -> d.verdict() == RetentionDecision.Verdict.DELETE
        ? new RetentionDecision(d.executionId(), d.copyName(), d.targetType(), d.location(), d.restorePointAt(),
            RetentionDecision.Verdict.PROTECTED, d.reason() + why)
        : d;
  }

  private boolean pauseOnRansomware(Job job) {
    String label = job.definition().labels().get(AnomalyPolicy.PAUSE_RETENTION_LABEL);
    return label == null ? anomalyPolicy.pauseRetentionOnRansomware() : Boolean.parseBoolean(label.trim());
  }

  /** A restore point a running restore holds a lease on is not deleted meanwhile. */
  private java.util.function.UnaryOperator<RetentionDecision> protectRestoring(Job job, List<RetentionDecision> decisions) {
    if (decisions.stream().noneMatch(d -> d.verdict() == RetentionDecision.Verdict.DELETE)) {
      return java.util.function.UnaryOperator.identity();
    }
    // a storage without restore records runs no tracked restores: none to protect
    Set<ExecutionId> restoring = storage.restores()
        .map(r -> r.leasedRestorePoints(job.id(), storage.now())).orElse(Set.of());
    if (restoring.isEmpty()) {
      return java.util.function.UnaryOperator.identity();
    }
    return d -> d.verdict() == RetentionDecision.Verdict.DELETE && restoring.contains(d.executionId())
        ? new RetentionDecision(d.executionId(), d.copyName(), d.targetType(), d.location(), d.restorePointAt(),
            RetentionDecision.Verdict.PROTECTED, d.reason() + ", but a restore is reading it")
        : d;
  }

  private List<RetentionDeletion> apply(Job job) {
    RetentionPlan plan = plan(job);
    List<RetentionDeletion> done = new ArrayList<>();
    Set<String> lockRecorded = null;
    for (RetentionDecision d : plan.decisions()) {
      RetentionDeletion deletion;
      if (d.verdict() == RetentionDecision.Verdict.LOCKED) {
        // the lock is known from the copy's record: no call to the target; recorded once, deleted on a later pass
        if (lockRecorded == null) {
          lockRecorded = new HashSet<>();
          for (RetentionDeletion past : RequiredStores.retention(storage).deletions(job.id(), 10_000)) {
            if (past.outcome() == RetentionDeletion.Outcome.LOCKED) {
              lockRecorded.add(past.executionId() + "/" + past.copyName());
            }
          }
        }
        if (!lockRecorded.add(d.executionId() + "/" + d.copyName())) {
          continue;
        }
        deletion = deletion(job, d, d.location().orElseThrow(), RetentionDeletion.Outcome.LOCKED,
            Optional.of("skipped: " + d.reason()), plan.evaluatedAt());
      } else if (d.verdict() == RetentionDecision.Verdict.DELETE) {
        deletion = delete(job, d, plan.evaluatedAt());
      } else {
        continue;
      }
      RequiredStores.retention(storage).recordDeletion(deletion);
      done.add(deletion);
    }
    if (!done.isEmpty()) {
      compliance.mark(job.id());
      log.info("Retention of job '{}': {} copies deleted, {} skipped or failed", job.name(),
          done.stream().filter(x -> x.outcome() == RetentionDeletion.Outcome.DELETED).count(),
          done.stream().filter(x -> x.outcome() != RetentionDeletion.Outcome.DELETED).count());
    }
    return done;
  }

  private RetentionDeletion delete(Job job, RetentionDecision d, Instant at) {
    String location = d.location().orElseThrow();
    Optional<CopySpec> spec = job.definition().copy(d.copyName());
    if (spec.isEmpty()) {
      return deletion(job, d, location, RetentionDeletion.Outcome.FAILED,
          Optional.of("copy '" + d.copyName() + "' is no longer part of the job; its target configuration is unknown"), at);
    }
    try {
      plugins.target(spec.get().targetType(), spec.get().config()).delete(location);
      return deletion(job, d, location, RetentionDeletion.Outcome.DELETED, Optional.empty(), at);
    } catch (CopyLockedException locked) {
      return deletion(job, d, location, RetentionDeletion.Outcome.LOCKED, Optional.of(locked.getMessage()), at);
    } catch (IOException | RuntimeException e) {
      log.warn("Retention could not delete copy '{}' of execution {} at {}", d.copyName(), d.executionId(), location, e);
      return deletion(job, d, location, RetentionDeletion.Outcome.FAILED,
          Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()), at);
    }
  }

  private static RetentionDeletion deletion(Job job, RetentionDecision d, String location,
                                            RetentionDeletion.Outcome outcome, Optional<String> detail, Instant at) {
    return new RetentionDeletion(job.id(), d.executionId(), d.copyName(), d.targetType(), location, d.reason(),
        outcome, detail, at);
  }
}
