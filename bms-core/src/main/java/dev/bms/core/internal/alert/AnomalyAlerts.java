package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingAlert;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.Alert;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.anomaly.Evaluation;
import dev.bms.spi.storage.AlertStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The alerts of anomaly findings. Each kind raises its rule's alert and is resolved by the next
 * execution judged within the baseline. Ransomware evidence (encrypted-looking content, or mass
 * change together with unusual extensions) raises {@code ransomware-suspected} instead of, not
 * besides, the size, file-count, mass-change and unusual-extension alerts of the same run (they are
 * inhibited and their explanations go into its detail); no run resolves it.
 */
public final class AnomalyAlerts {
  /** Label naming the execution a finding was made in. */
  static final String EXECUTION = "bms.execution";
  /** Label with the finding's score. */
  static final String SCORE = "bms.finding.score";
  /** Label with the finding's kind ({@code FindingKind} name). */
  static final String KIND = "bms.finding";
  private static final java.util.regex.Pattern EXECUTION_SUFFIX =
      java.util.regex.Pattern.compile("\\s*\\((after )?execution [^()]*\\)\\s*$");
  private static final List<FindingKind> INHIBITED_BY_RANSOMWARE = List.of(FindingKind.SIZE, FindingKind.FILE_COUNT,
      FindingKind.MASS_CHANGE, FindingKind.UNUSUAL_EXTENSIONS);

  private AnomalyAlerts() {
  }

  /** The open {@code ransomware-suspected} alert of the job, if any (one read). */
  public static Optional<Alert> openRansomwareAlert(AlertStore store, JobId job) {
    return store.findOpen(Fingerprints.of(AlertRule.RANSOMWARE_SUSPECTED, job.toString(), ""));
  }

  /** Whether the evaluation holds ransomware evidence. */
  public static boolean ransomware(Evaluation ev) {
    return ev.found(FindingKind.ENCRYPTED_CONTENT)
        || ev.found(FindingKind.MASS_CHANGE) && ev.found(FindingKind.UNUSUAL_EXTENSIONS);
  }

  static List<Condition> conditions(Job job, Execution run, Evaluation ev) {
    List<Condition> out = new ArrayList<>();
    boolean ransomware = ransomware(ev);
    if (ransomware) {
      List<Finding> signals = ev.findings().stream().filter(f -> f.kind().ransomwareSignal()).toList();
      double score = signals.stream().mapToDouble(Finding::score).max().orElse(0);
      String detail = "Execution " + run.id() + " of " + job.name() + ":\n"
          + ev.findings().stream().filter(f -> INHIBITED_BY_RANSOMWARE.contains(f.kind()) || f.kind().ransomwareSignal())
              .map(f -> "- " + f.explanation()).collect(Collectors.joining("\n"))
          + "\nThe restore points before this execution are the last known clean ones.";
      out.add(new Condition.Raise(AlertRule.RANSOMWARE_SUSPECTED, Optional.of(job), "",
          "Ransomware suspected in " + job.name(), detail,
          labels(run, score, ev.found(FindingKind.ENCRYPTED_CONTENT) ? FindingKind.ENCRYPTED_CONTENT
              : FindingKind.MASS_CHANGE)));
    }
    for (FindingKind kind : FindingKind.values()) {
      if (kind == FindingKind.ENCRYPTED_CONTENT) {
        continue; // only ever part of ransomware-suspected
      }
      Optional<Finding> f = ev.findings().stream().filter(x -> x.kind() == kind && x.subject().isEmpty()).findFirst();
      if (f.isPresent()) {
        if (!(ransomware && INHIBITED_BY_RANSOMWARE.contains(kind))) {
          out.add(new Condition.Raise(kind.rule(), Optional.of(job), "", title(kind, job, ""),
              f.get().explanation() + " (execution " + run.id() + ")", labels(run, f.get().score(), kind),
              kind.forecast()));
        }
      } else if (ev.judged().contains(kind)) {
        out.add(new Condition.Clear(kind.rule(), Optional.of(job), "", "execution " + run.id()
            + (kind.forecast() ? ": the forecast no longer says so" : " is within the baseline")));
      }
      // per target: one alert per job and target, raised and cleared by the job's forecasts
      for (String target : ev.judgedSubjects(kind)) {
        Optional<Finding> t = ev.findings().stream()
            .filter(x -> x.kind() == kind && x.subject().equals(target)).findFirst();
        if (t.isPresent()) {
          Map<String, String> labels = new java.util.HashMap<>(labels(run, t.get().score(), kind));
          labels.put(AlertRules.TARGET, target);
          out.add(new Condition.Raise(kind.rule(), Optional.of(job), target, title(kind, job, target),
              t.get().explanation() + " (after execution " + run.id() + ")", labels, true));
        } else {
          out.add(new Condition.Clear(kind.rule(), Optional.of(job), target,
              "execution " + run.id() + ": the forecast for " + target + " no longer says so"));
        }
      }
    }
    return out;
  }

  private static Map<String, String> labels(Execution run, double score, FindingKind kind) {
    return Map.of(EXECUTION, run.id().toString(), SCORE, String.format(Locale.ROOT, "%.1f", score),
        KIND, kind.name());
  }

  /**
   * The finding an alert of a finding rule reports, read back from its labels and detail; empty for
   * an alert of another rule or one without a job or execution label.
   */
  public static Optional<FindingAlert> finding(Alert alert) {
    if (alert.jobId().isEmpty() || !FindingKind.ruleIds().contains(alert.rule())) {
      return Optional.empty();
    }
    Optional<FindingKind> kind = kindOf(alert);
    String execution = alert.labels().get(EXECUTION);
    if (kind.isEmpty() || execution == null) {
      return Optional.empty();
    }
    ExecutionId executionId;
    try {
      executionId = ExecutionId.parse(execution);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    double score;
    try {
      score = Double.parseDouble(alert.labels().getOrDefault(SCORE, "0"));
    } catch (NumberFormatException malformed) {
      score = 0;
    }
    if (!(score >= 0) || Double.isInfinite(score)) {
      score = 0;
    }
    return Optional.of(new FindingAlert(new Finding(kind.get(), alert.jobId().get(), executionId, score,
        explanation(alert), alert.labels().getOrDefault(AlertRules.TARGET, "")), alert));
  }

  private static Optional<FindingKind> kindOf(Alert alert) {
    String label = alert.labels().get(KIND);
    if (label != null) {
      for (FindingKind k : FindingKind.values()) {
        if (k.name().equals(label)) {
          return Optional.of(k);
        }
      }
    }
    // raised before the kind was labelled: the rule's kind (ransomware-suspected: encrypted content)
    for (FindingKind k : FindingKind.values()) {
      if (k.rule().id().equals(alert.rule())) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The detail without the execution it names: a ransomware alert's listed signals, one after the other. */
  private static String explanation(Alert alert) {
    List<String> items = alert.detail().lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).trim())
        .toList();
    if (!items.isEmpty()) {
      return String.join("; ", items);
    }
    String text = EXECUTION_SUFFIX.matcher(alert.detail()).replaceFirst("").trim();
    return text.isEmpty() ? alert.title() : text;
  }

  private static String title(FindingKind kind, Job job, String target) {
    return switch (kind) {
      case DURATION_TREND -> "Backups of " + job.name() + " will soon exceed their time limit";
      case SUCCESS_RATE_DRIFT -> target.isEmpty() ? "Success rate of " + job.name() + " dropped"
          : "Success rate of " + job.name() + "'s copies to " + target + " dropped";
      case RPO_AT_RISK -> "RPO of " + job.name() + " at risk";
      case TARGET_SPACE -> "Target " + target + " of " + job.name() + " is running out of space";
      case SIZE -> "Unusual backup size of " + job.name();
      case FILE_COUNT -> "Unusual file count in the backup of " + job.name();
      case DURATION -> "Backup of " + job.name() + " took unusually long";
      case EMPTY_SUCCESS -> "Backup of " + job.name() + " succeeded without data";
      case MASS_CHANGE -> "Mass change in the files of " + job.name();
      case UNUSUAL_EXTENSIONS -> "Files of " + job.name() + " gained unusual extensions";
      case ENCRYPTED_CONTENT -> "Ransomware suspected in " + job.name();
    };
  }
}
