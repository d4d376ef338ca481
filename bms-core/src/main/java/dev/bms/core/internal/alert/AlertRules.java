package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.event.JobSchedulingFailedEvent;
import dev.bms.api.event.RpoBreachedEvent;
import dev.bms.api.event.ScheduleMissedEvent;
import dev.bms.api.event.RestoreFinishedEvent;
import dev.bms.api.event.RtoEvaluatedEvent;
import dev.bms.api.event.VerificationFinishedEvent;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.core.internal.anomaly.Evaluation;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns bms events into conditions. Each rule raises on its trigger and clears on the event that
 * proves the problem gone: a later success clears failed executions, RPO breaches and missed
 * schedules; a passing compliance rule or verification clears its failure.
 */
final class AlertRules {
  /** Label on per-job alerts listing the targets whose copies failed (for inhibition). */
  static final String FAILED_TARGETS = "bms.failed.targets";
  /** Label on target-failing alerts naming the target. */
  static final String TARGET = "bms.target";

  private final AlertingConfig config;
  private final Storage storage;
  private final TargetFailures targets = new TargetFailures();

  AlertRules(AlertingConfig config, Storage storage) {
    this.config = config;
    this.storage = storage;
  }

  /** The conditions an event establishes, target-wide ones first (so they can inhibit per-job ones). */
  List<Condition> evaluate(BmsEvent event) {
    return evaluate(event, Map.of());
  }

  /** Like {@link #evaluate(BmsEvent)}, with the anomaly evaluations of finished executions. */
  List<Condition> evaluate(BmsEvent event, Map<ExecutionId, Evaluation> anomalies) {
    if (event instanceof ExecutionFinishedEvent e) {
      List<Condition> out = executionFinished(e.job(), e.execution());
      Evaluation ev = anomalies.get(e.execution().id());
      if (ev != null) {
        out.addAll(AnomalyAlerts.conditions(e.job(), e.execution(), ev));
      }
      return out;
    } else if (event instanceof RpoBreachedEvent e) {
      String last = e.lastSuccessAt().map(t -> "the last successful backup finished at " + t)
          .orElse("it never had a successful backup");
      // republished every check while it lasts: one breach, however often it is restated
      return List.of(new Condition.Raise(AlertRule.RPO_BREACHED, Optional.of(e.job()), "",
          "RPO of " + e.job().name() + " exceeded",
          "No successful backup within the RPO of " + human(e.rpo()) + ": " + last + ".", Map.of(), true));
    } else if (event instanceof ScheduleMissedEvent e) {
      return List.of(raise(AlertRule.SCHEDULE_MISSED, e.job(), "",
          "Scheduled backup of " + e.job().name() + " missed",
          "The run scheduled for " + e.scheduledFor() + " produced no execution.", Map.of()));
    } else if (event instanceof JobSchedulingFailedEvent e) {
      return List.of(raise(AlertRule.SCHEDULING_FAILED, e.job(), "",
          "Scheduling of " + e.job().name() + " failed",
          "The scheduler skips this job until it is fixed: " + e.problem(), Map.of()));
    } else if (event instanceof ComplianceEvaluatedEvent e) {
      return compliance(e.job(), e.results());
    } else if (event instanceof VerificationFinishedEvent e) {
      return verification(e);
    } else if (event instanceof RestoreFinishedEvent e) {
      return RestoreAlerts.restoreFinished(e);
    } else if (event instanceof RtoEvaluatedEvent e) {
      return RestoreAlerts.rtoEvaluated(e);
    }
    return List.of();
  }

  private List<Condition> executionFinished(Job job, Execution run) {
    List<Condition> out = new ArrayList<>(targetConditions(job, run));
    ExecutionStatus status = run.status();
    String why = "execution " + run.id() + " " + status;
    switch (status) {
      case SUCCEEDED -> {
        for (AlertRule r : List.of(AlertRule.EXECUTION_FAILED, AlertRule.CONSECUTIVE_FAILURES, AlertRule.COPY_FAILED,
            AlertRule.RPO_BREACHED, AlertRule.SCHEDULE_MISSED, AlertRule.SCHEDULING_FAILED)) {
          out.add(clear(r, job, "", why));
        }
      }
      case PARTIAL -> {
        List<CopyResult> failed = run.copies().stream().filter(c -> !c.succeeded()).toList();
        out.add(raise(AlertRule.COPY_FAILED, job, "",
            failed.size() + " of " + run.copies().size() + " copies of " + job.name() + " failed",
            copiesDetail(run), Map.of(FAILED_TARGETS, failedTargets(job, run))));
        for (AlertRule r : List.of(AlertRule.EXECUTION_FAILED, AlertRule.CONSECUTIVE_FAILURES,
            AlertRule.RPO_BREACHED, AlertRule.SCHEDULE_MISSED, AlertRule.SCHEDULING_FAILED)) {
          out.add(clear(r, job, "", why));
        }
      }
      case FAILED, TIMED_OUT, ABANDONED, INTERRUPTED -> {
        Map<String, String> labels = Map.of(FAILED_TARGETS, failedTargets(job, run));
        out.add(raise(AlertRule.EXECUTION_FAILED, job, "", "Backup " + job.name() + " failed",
            "Execution " + run.id() + " ended " + status + run.error().map(e -> ": " + e).orElse("") + "\n"
                + copiesDetail(run), labels));
        int inARow = consecutiveFailures(job);
        if (inARow >= config.consecutiveFailures()) {
          out.add(raise(AlertRule.CONSECUTIVE_FAILURES, job, "",
              "Backup " + job.name() + " failed " + inARow + " times in a row",
              "The last " + inARow + " executions failed; the latest: " + run.error().orElse(status.name()), labels));
        }
      }
      default -> {
        // CANCELLED (and non-terminal statuses) say nothing about the job's health
      }
    }
    return out;
  }

  /** Target-failing raises and clears, from each copy's outcome. */
  private List<Condition> targetConditions(Job job, Execution run) {
    List<Condition> out = new ArrayList<>();
    for (CopyResult copy : run.copies()) {
      Optional<CopySpec> spec = spec(job, copy);
      if (spec.isEmpty()) {
        continue;
      }
      String target = Fingerprints.target(spec.get().targetType(), spec.get().config());
      if (copy.succeeded()) {
        targets.succeeded(target);
        out.add(new Condition.Clear(AlertRule.TARGET_FAILING, Optional.empty(), target,
            "copy " + copy.copyName() + " of " + job.name() + " succeeded"));
      } else if (run.status() != ExecutionStatus.CANCELLED) {
        int jobs = targets.failed(target, job.id());
        if (jobs >= config.targetFailingJobs()) {
          out.add(new Condition.Raise(AlertRule.TARGET_FAILING, Optional.empty(), target,
              "Target " + target + " is failing",
              "Copies to target " + spec.get().targetType() + " (" + target + ") failed for " + jobs
                  + " jobs since its last successful copy; the latest: " + job.name() + ": "
                  + copy.error().orElse("failed"),
              Map.of(TARGET, target)));
        }
      }
    }
    return out;
  }

  private List<Condition> compliance(Job job, List<RuleResult> results) {
    List<Condition> out = new ArrayList<>();
    for (RuleResult r : results) {
      switch (r.status()) {
        // a state, not an occurrence: re-evaluating a job that still fails changes nothing
        case FAIL -> out.add(new Condition.Raise(AlertRule.COMPLIANCE_FAILED, Optional.of(job), r.ruleId(),
            "Compliance rule " + r.ruleId() + " fails for " + job.name(), r.reason(),
            Map.of("bms.compliance.rule", r.ruleId()), true));
        case PASS -> out.add(clear(AlertRule.COMPLIANCE_FAILED, job, r.ruleId(), "rule " + r.ruleId() + " passes"));
        default -> {
          // UNKNOWN proves nothing either way
        }
      }
    }
    return out;
  }

  private List<Condition> verification(VerificationFinishedEvent e) {
    Job job = e.job();
    if (e.verification().passed()) {
      return List.of(clear(AlertRule.VERIFICATION_FAILED, job, "",
          "verification of execution " + e.verification().executionId() + " passed"));
    }
    String failed = e.verification().copies().stream().filter(c -> !c.passed()).map(CopyVerification::copyName)
        .collect(Collectors.joining(", "));
    return List.of(raise(AlertRule.VERIFICATION_FAILED, job, "",
        "Verification of " + job.name() + " failed",
        e.verification().level() + " verification of execution " + e.verification().executionId() + " failed"
            + (failed.isEmpty() ? " (no copy could be checked)" : " for copies: " + failed) + ".", Map.of()));
  }

  /** Failed executions in a row, newest first, up to the threshold (one query). */
  private int consecutiveFailures(Job job) {
    int n = 0;
    for (Execution e : storage.executions().list(ExecutionFilter.forJob(job.id()),
        PageRequest.first(config.consecutiveFailures() + 5)).items()) {
      if (!e.status().isTerminal() || e.status() == ExecutionStatus.CANCELLED) {
        continue;
      }
      if (e.status().producedRestorePoint()) {
        break;
      }
      n++;
    }
    return n;
  }

  private static String failedTargets(Job job, Execution run) {
    TreeSet<String> ids = new TreeSet<>();
    for (CopyResult c : run.copies()) {
      if (!c.succeeded()) {
        spec(job, c).ifPresent(s -> ids.add(Fingerprints.target(s.targetType(), s.config())));
      }
    }
    return String.join(",", ids);
  }

  private static Optional<CopySpec> spec(Job job, CopyResult copy) {
    return job.definition().copies().stream().filter(s -> s.name().equals(copy.copyName())).findFirst();
  }

  private static String copiesDetail(Execution run) {
    return run.copies().stream()
        .map(c -> "Copy " + c.copyName() + " (" + c.targetType() + ") " + (c.succeeded() ? "succeeded"
            : "failed" + c.error().map(e -> ": " + e).orElse("")))
        .collect(Collectors.joining("\n"));
  }

  private static Condition raise(AlertRule rule, Job job, String key, String title, String detail,
                                 Map<String, String> labels) {
    return new Condition.Raise(rule, Optional.of(job), key, title, detail, labels);
  }

  private static Condition clear(AlertRule rule, Job job, String key, String why) {
    return new Condition.Clear(rule, Optional.of(job), key, why);
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
