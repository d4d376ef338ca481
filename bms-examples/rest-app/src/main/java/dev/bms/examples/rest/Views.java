package dev.bms.examples.rest;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JSON shapes the API returns. They are the app's contract, kept apart from bms's records so
 * that bms can change without breaking clients, and so that nothing secret leaks: configuration
 * values whose key looks like a credential are replaced by {@code "***"}.
 */
final class Views {
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|credential|accesskey|apikey|private).*");

  private Views() {
  }

  /** A page of a keyset listing. */
  record PageView<T>(List<T> items, Optional<String> nextCursor) {
  }

  record JobView(String id, String name, String description, Map<String, String> labels, boolean enabled,
                 SourceView source, ScheduleView schedule, List<CopyView> copies, RetentionPolicy retention,
                 Optional<Duration> rpo, Optional<Duration> timeout, long version, Instant createdAt, Instant updatedAt) {
  }

  record JobOverviewView(JobView job, Optional<ExecutionView> lastExecution, Optional<Instant> lastSuccessAt) {
  }

  record SourceView(String type, Map<String, String> config) {
  }

  record ScheduleView(String kind, Optional<String> cron, Optional<String> zone, Optional<Duration> every) {
  }

  record CopyView(String name, String targetType, Map<String, String> config, boolean offsite,
                  Optional<RetentionPolicy> retention) {
  }

  record ExecutionView(String id, String jobId, String mode, String trigger, String status,
                       Optional<Instant> scheduledFor, Instant createdAt, Optional<Instant> startedAt,
                       Optional<Instant> finishedAt, long durationMillis, long bytes, long files, int attempt,
                       Optional<String> error, List<CopyResultView> copies) {
  }

  record CopyResultView(String copyName, String targetType, String status, long bytes, long files,
                        long durationMillis, Optional<String> manifestDigest, Optional<String> location,
                        Optional<Instant> immutableUntil, Optional<String> error) {
  }

  static JobOverviewView of(JobOverview o) {
    return new JobOverviewView(of(o.job()), o.lastExecution().map(Views::of), o.lastSuccessAt());
  }

  static JobView of(Job job) {
    BackupJob d = job.definition();
    return new JobView(job.id().toString(), d.name(), d.description(), d.labels(), d.enabled(),
        new SourceView(d.source().type(), redact(d.source().config())), of(d.schedule()),
        d.copies().stream().map(Views::of).toList(), d.retention(), d.rpo(), d.timeout(), job.version(),
        job.createdAt(), job.updatedAt());
  }

  static ExecutionView of(Execution e) {
    return new ExecutionView(e.id().toString(), e.jobId().toString(), e.mode().name(), e.trigger().name(),
        e.status().name(), e.scheduledFor(), e.createdAt(), e.startedAt(), e.finishedAt(), e.duration().toMillis(),
        e.bytes(), e.files(), e.attempt(), e.error(), e.copies().stream().map(Views::of).toList());
  }

  private static CopyResultView of(CopyResult c) {
    return new CopyResultView(c.copyName(), c.targetType(), c.status().name(), c.bytes(), c.files(),
        c.duration().toMillis(), c.manifestDigest(), c.location(), c.immutableUntil(), c.error());
  }

  private static CopyView of(CopySpec c) {
    return new CopyView(c.name(), c.targetType(), redact(c.config()), c.offsite(), c.retention());
  }

  private static ScheduleView of(Schedule s) {
    if (s instanceof Schedule.Cron cron) {
      return new ScheduleView("cron", Optional.of(cron.expression()), Optional.of(cron.zone().getId()), Optional.empty());
    }
    if (s instanceof Schedule.Interval interval) {
      return new ScheduleView("interval", Optional.empty(), Optional.empty(), Optional.of(interval.every()));
    }
    return new ScheduleView("manual", Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Map<String, String> redact(Map<String, String> config) {
    Map<String, String> shown = new LinkedHashMap<>();
    config.forEach((k, v) -> shown.put(k, SECRET_KEY.matcher(k).matches() ? "***" : v));
    return shown;
  }
}
