package dev.bms.core.internal.approval;

import dev.bms.api.JobService;
import dev.bms.api.RetentionService;
import dev.bms.api.VerificationService;
import dev.bms.api.approval.FourEyesPolicy;
import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AnomalyPolicy;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.core.internal.plugin.PluginRegistry.TargetLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether a call is one of the policy's {@link GuardedAction}s, comparing it with what is
 * stored where the action is a reduction (retention, immutability). Reads the real services, never
 * writes. A call with a null argument, naming nothing that exists, or based on a stale job version
 * is not held: it runs and fails (or does nothing) exactly as without four-eyes approval.
 */
final class FourEyesGuard {
  /** The alert label that carries an alert's severity. */
  static final String SEVERITY_LABEL = "bms.severity";

  private final FourEyesPolicy policy;
  private final JobService jobs;
  private final RetentionService retention;
  private final VerificationService verifications;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final java.util.function.Function<AlertId, Optional<Alert>> alerts;
  private final boolean pauseByDefault;

  FourEyesGuard(FourEyesPolicy policy, JobService jobs, RetentionService retention,
                VerificationService verifications, PluginRegistry plugins, Clock clock,
                java.util.function.Function<AlertId, Optional<Alert>> alerts, boolean pauseByDefault) {
    this.alerts = alerts;
    this.pauseByDefault = pauseByDefault;
    this.policy = policy;
    this.jobs = jobs;
    this.retention = retention;
    this.verifications = verifications;
    this.plugins = plugins;
    this.clock = clock;
  }

  Optional<Hold> check(String operation, Object[] args) {
    if (args != null) {
      for (Object a : args) {
        if (a == null) {
          return Optional.empty();
        }
      }
    }
    return switch (operation) {
      case "jobs.delete" -> deleteJob((JobId) args[0]);
      case "retention.apply" -> applyRetention((JobId) args[0]);
      case "jobs.update" -> updateJob((JobId) args[0], (Long) args[1], (BackupJob) args[2]);
      case "verifications.clearPolicy" -> clearVerification((JobId) args[0]);
      case "alerts.silence" -> silence(map(args[0]), (Instant) args[1], (Instant) args[2]);
      case "alerts.resolve" -> ((String) args[1]).isBlank() || ((String) args[2]).isBlank()
          ? Optional.empty() // refused by the call itself
          : resolve((AlertId) args[0]);
      default -> Optional.empty();
    };
  }

  private Optional<Hold> deleteJob(JobId id) {
    if (!policy.guards(GuardedAction.DELETE_JOB)) {
      return Optional.empty();
    }
    return jobs.get(id).map(job -> new Hold(GuardedAction.DELETE_JOB, jobRef(id),
        "delete job '" + job.definition().name() + "' and its execution history"));
  }

  private Optional<Hold> applyRetention(JobId id) {
    if (!policy.guards(GuardedAction.DELETE_RESTORE_POINTS)) {
      return Optional.empty();
    }
    Optional<Job> job = jobs.get(id);
    if (job.isEmpty()) {
      return Optional.empty();
    }
    int toDelete;
    try {
      toDelete = retention.preview(id).toDelete().size();
    } catch (RuntimeException unavailable) {
      return Optional.empty(); // the call itself fails the same way
    }
    if (toDelete == 0) {
      return Optional.empty(); // deletes nothing: nothing to approve
    }
    return Optional.of(new Hold(GuardedAction.DELETE_RESTORE_POINTS, jobRef(id), "apply retention of job '"
        + job.get().definition().name() + "' now, deleting " + toDelete + " expired cop"
        + (toDelete == 1 ? "y" : "ies") + " (as previewed when requested)"));
  }

  private Optional<Hold> updateJob(JobId id, long expectedVersion, BackupJob next) {
    boolean retentionGuarded = policy.guards(GuardedAction.SHORTEN_RETENTION);
    boolean immutabilityGuarded = policy.guards(GuardedAction.REDUCE_IMMUTABILITY);
    boolean pauseGuarded = policy.guards(GuardedAction.DISABLE_RANSOMWARE_PAUSE);
    if (!retentionGuarded && !immutabilityGuarded && !pauseGuarded) {
      return Optional.empty();
    }
    Optional<Job> current = jobs.get(id);
    if (current.isEmpty() || current.get().version() != expectedVersion) {
      return Optional.empty(); // refused as NotFound or Conflict by the call itself
    }
    BackupJob before = current.get().definition();
    List<String> reduced = immutabilityGuarded ? reducedImmutability(before, next) : List.of();
    List<String> shortened = retentionGuarded ? shortenedRetention(before, next) : List.of();
    boolean pauseOff = pauseGuarded && pausesOnRansomware(before) && !pausesOnRansomware(next);
    if (reduced.isEmpty() && shortened.isEmpty() && !pauseOff) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>(reduced);
    reasons.addAll(shortened);
    if (pauseOff) {
      reasons.add("label " + AnomalyPolicy.PAUSE_RETENTION_LABEL + "=false stops pausing retention while a ransomware"
          + " alert of the job is open");
    }
    GuardedAction action = !reduced.isEmpty() ? GuardedAction.REDUCE_IMMUTABILITY
        : !shortened.isEmpty() ? GuardedAction.SHORTEN_RETENTION : GuardedAction.DISABLE_RANSOMWARE_PAUSE;
    return Optional.of(new Hold(action, jobRef(id), "update job '" + before.name() + "': "
        + String.join("; ", reasons)));
  }

  private Optional<Hold> clearVerification(JobId id) {
    if (!policy.guards(GuardedAction.DISABLE_VERIFICATION)) {
      return Optional.empty();
    }
    Optional<Job> job = jobs.get(id);
    if (job.isEmpty() || verifications.policy(id).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hold(GuardedAction.DISABLE_VERIFICATION, new ResourceRef("verification-policy",
        id.value().toString()), "remove the verification policy of job '" + job.get().definition().name() + "'"));
  }

  private Optional<Hold> silence(Map<String, String> matchers, Instant from, Instant until) {
    if (!policy.guards(GuardedAction.LONG_CRITICAL_SILENCE)) {
      return Optional.empty();
    }
    String severity = matchers.get(SEVERITY_LABEL);
    if (severity != null && !severity.equalsIgnoreCase("CRITICAL")) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant start = from.isAfter(now) ? from : now;
    if (!until.isAfter(start)) {
      return Optional.empty();
    }
    Duration length = Duration.between(start, until);
    if (length.compareTo(policy.criticalSilenceThreshold()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Hold(GuardedAction.LONG_CRITICAL_SILENCE, new ResourceRef("silence", "new"),
        "silence alerts matching " + shown(matchers) + (severity == null ? " (critical ones included)" : "") + " for "
            + length + " from " + start + ", longer than " + policy.criticalSilenceThreshold()));
  }

  /** Whether the job's retention pauses while a ransomware alert is open (its label, else the policy). */
  private boolean pausesOnRansomware(BackupJob job) {
    String label = job.labels().get(AnomalyPolicy.PAUSE_RETENTION_LABEL);
    return label == null ? pauseByDefault : Boolean.parseBoolean(label.trim());
  }

  /** Resolving an open ransomware alert lifts its job's retention pause. */
  private Optional<Hold> resolve(AlertId id) {
    if (!policy.guards(GuardedAction.CLEAR_RANSOMWARE_SIGNAL)) {
      return Optional.empty();
    }
    Optional<Alert> alert = alerts.apply(id)
        .filter(a -> a.isOpen() && a.rule().equals(AlertRule.RANSOMWARE_SUSPECTED.id()));
    if (alert.isEmpty()) {
      return Optional.empty(); // not a ransomware signal, already resolved or unknown: runs (or fails) as is
    }
    Alert a = alert.get();
    return Optional.of(new Hold(GuardedAction.CLEAR_RANSOMWARE_SIGNAL, new ResourceRef("alert", id.value().toString()),
        "resolve ransomware alert " + id + " of job '" + a.jobName().orElse("?") + "' (execution "
            + a.labels().getOrDefault("bms.execution", "?") + "), lifting the job's retention pause: retention may"
            + " then delete the restore points it kept"));
  }

  /** Every copy of {@code before} that locks its writes and, in {@code after}, is gone or locks less. */
  List<String> reducedImmutability(BackupJob before, BackupJob after) {
    List<String> out = new ArrayList<>();
    for (CopySpec was : before.copies()) {
      TargetLock lockWas;
      try {
        lockWas = plugins.lockOf(was.targetType(), was.config());
      } catch (RuntimeException unreadable) {
        continue; // the stored copy's target is gone or broken: nothing it still protects
      }
      if (!lockWas.locks()) {
        continue;
      }
      Optional<CopySpec> is = after.copy(was.name());
      if (is.isEmpty()) {
        out.add("copy '" + was.name() + "', locked" + period(lockWas) + ", is removed");
        continue;
      }
      TargetLock lockIs;
      try {
        lockIs = plugins.lockOf(is.get().targetType(), is.get().config());
      } catch (RuntimeException invalid) {
        continue; // the update is refused for its bad configuration
      }
      if (!lockIs.locks()) {
        out.add("copy '" + was.name() + "' no longer locks its copies (locked" + period(lockWas) + ")");
      } else if (lockIs.period().compareTo(lockWas.period()) < 0) {
        out.add("copy '" + was.name() + "' locks for " + lockIs.period() + ", was " + lockWas.period());
      }
    }
    return out;
  }

  /** Every copy kept by both whose effective retention keeps less in {@code after}. */
  static List<String> shortenedRetention(BackupJob before, BackupJob after) {
    List<String> out = new ArrayList<>();
    for (CopySpec was : before.copies()) {
      Optional<CopySpec> is = after.copy(was.name());
      if (is.isEmpty()) {
        continue;
      }
      RetentionPolicy r0 = was.retention().orElse(before.retention());
      RetentionPolicy r1 = is.get().retention().orElse(after.retention());
      if (shorter(r0, r1)) {
        out.add("copy '" + was.name() + "' retention " + describe(r1) + ", was " + describe(r0));
      }
    }
    return out;
  }

  static boolean shorter(RetentionPolicy was, RetentionPolicy is) {
    if (was.keepsForever()) {
      return !is.keepsForever();
    }
    if (is.keepsForever()) {
      return false;
    }
    return is.keepLast() < was.keepLast() || is.daily() < was.daily() || is.weekly() < was.weekly()
        || is.monthly() < was.monthly() || is.yearly() < was.yearly() || is.keepWithin().compareTo(was.keepWithin()) < 0;
  }

  private static String describe(RetentionPolicy r) {
    if (r.keepsForever()) {
      return "forever";
    }
    return "keepLast " + r.keepLast() + ", daily " + r.daily() + ", weekly " + r.weekly() + ", monthly "
        + r.monthly() + ", yearly " + r.yearly() + ", keepWithin " + r.keepWithin();
  }

  /**
   * The matchers for a summary: bms's own labels with their values, other keys alone (an
   * application's label value could be anything; the audit trail redacts secrets, a summary cannot).
   */
  private static String shown(Map<String, String> matchers) {
    if (matchers.isEmpty()) {
      return "every alert";
    }
    List<String> parts = new ArrayList<>();
    new java.util.TreeMap<>(matchers).forEach((k, v) -> parts.add(k.startsWith("bms.") ? k + "=" + v : k));
    return "{" + String.join(", ", parts) + "}";
  }

  private static String period(TargetLock lock) {
    return lock.period().isZero() ? "" : " for " + lock.period();
  }

  private static ResourceRef jobRef(JobId id) {
    return new ResourceRef("job", id.value().toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Object o) {
    return (Map<String, String>) o;
  }
}
