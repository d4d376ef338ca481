package dev.bms.examples.rest;

import dev.bms.api.InvalidJobException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /api/jobs}. Every field but {@code name}, {@code source} (for managed
 * jobs) and {@code copies} is optional. Durations are ISO-8601 ({@code PT26H}).
 *
 * <pre>{@code
 * {"name": "payroll-files", "labels": {"team": "payroll"},
 *  "source": {"type": "directory", "config": {"path": "/srv/payroll"}},
 *  "schedule": {"cron": "0 2 * * *", "zone": "Europe/Berlin"},
 *  "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "/mnt/nas"}}],
 *  "retention": {"daily": 7, "weekly": 4, "monthly": 12}, "rpo": "PT26H"}
 * }</pre>
 */
record JobRequest(String name, String description, Map<String, String> labels, SourceRequest source,
                  ScheduleRequest schedule, List<CopyRequest> copies, RetentionRequest retention, String rpo,
                  String timeout, Boolean enabled) {

  record SourceRequest(String type, Map<String, String> config) {
  }

  /** Either {@code cron} (with an optional {@code zone}, UTC by default) or {@code every}; neither for manual. */
  record ScheduleRequest(String cron, String zone, String every) {
  }

  record CopyRequest(String name, String targetType, Map<String, String> config, Boolean offsite) {
  }

  record RetentionRequest(Integer keepLast, Integer daily, Integer weekly, Integer monthly, Integer yearly,
                          String keepWithin) {
  }

  /**
   * The job definition, checked as far as the request format goes; bms checks the rest (names,
   * cron syntax, plugin configuration) and names the fields itself.
   *
   * @throws ApiException 400 naming every field this request gets wrong
   */
  BackupJob toBackupJob() {
    List<FieldError> errors = new ArrayList<>();
    if (name == null) {
      errors.add(new FieldError("name", "is required"));
    }
    BackupJob.Builder b = BackupJob.builder(name == null ? "" : name);
    if (description != null) {
      b.description(description);
    }
    if (labels != null) {
      labels.forEach((k, v) -> {
        if (v == null) {
          errors.add(new FieldError("labels." + k, "must be a string"));
        } else {
          b.label(k, v);
        }
      });
    }
    if (source != null) {
      if (source.type() == null) {
        errors.add(new FieldError("source.type", "is required"));
      } else {
        b.source(source.type(), config(source.config(), "source.config", errors));
      }
    }
    if (schedule != null) {
      schedule(errors).ifPresent(b::schedule);
    }
    if (copies == null || copies.isEmpty()) {
      errors.add(new FieldError("copies", "a job needs at least one copy"));
    } else {
      for (int i = 0; i < copies.size(); i++) {
        CopyRequest c = copies.get(i);
        String at = "copies[" + i + "]";
        if (c == null) {
          errors.add(new FieldError(at, "must be an object"));
          continue;
        }
        if (c.targetType() == null) {
          errors.add(new FieldError(at + ".targetType", "is required"));
          continue;
        }
        CopySpec spec = CopySpec.target(c.targetType(), config(c.config(), at + ".config", errors));
        if (c.name() != null) {
          spec = spec.named(c.name());
        }
        b.copy(Boolean.TRUE.equals(c.offsite()) ? spec.asOffsite() : spec);
      }
    }
    if (retention != null) {
      retention(errors).ifPresent(b::retention);
    }
    duration(rpo, "rpo", errors).ifPresent(b::rpo);
    duration(timeout, "timeout", errors).ifPresent(b::timeout);
    if (enabled != null) {
      b.enabled(enabled);
    }
    if (errors.isEmpty()) {
      return b.build();
    }
    // Report bms's own structural problems in the same answer, so a client fixes everything at once.
    try {
      b.build();
    } catch (InvalidJobException e) {
      e.problems().stream().map(FieldError::fromProblem)
          .filter(p -> errors.stream().noneMatch(known -> known.field().equals(p.field())))
          .forEach(errors::add);
    }
    throw new ApiException(400, "invalid_job", "the job definition has " + errors.size()
        + (errors.size() == 1 ? " problem" : " problems"), errors);
  }

  private Optional<Schedule> schedule(List<FieldError> errors) {
    if (schedule.cron() != null && schedule.every() != null) {
      errors.add(new FieldError("schedule", "give either cron or every, not both"));
      return Optional.empty();
    }
    if (schedule.cron() != null) {
      try {
        ZoneId zone = schedule.zone() == null ? ZoneId.of("UTC") : ZoneId.of(schedule.zone());
        return Optional.of(Schedule.cron(schedule.cron(), zone));
      } catch (DateTimeException e) {
        errors.add(new FieldError("schedule.zone", "'" + schedule.zone() + "' is not a time zone id"));
        return Optional.empty();
      }
    }
    if (schedule.zone() != null) {
      errors.add(new FieldError("schedule.zone", "only applies to a cron schedule"));
    }
    return duration(schedule.every(), "schedule.every", errors).map(Schedule::interval);
  }

  private Optional<RetentionPolicy> retention(List<FieldError> errors) {
    Optional<Duration> within = duration(retention.keepWithin(), "retention.keepWithin", errors);
    try {
      return Optional.of(new RetentionPolicy(orZero(retention.keepLast()), orZero(retention.daily()),
          orZero(retention.weekly()), orZero(retention.monthly()), orZero(retention.yearly()),
          within.orElse(Duration.ZERO)));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("retention", "counts and keepWithin must not be negative"));
      return Optional.empty();
    }
  }

  private static Map<String, String> config(Map<String, String> config, String field, List<FieldError> errors) {
    if (config == null) {
      return Map.of();
    }
    config.forEach((k, v) -> {
      if (v == null) {
        errors.add(new FieldError(field + "." + k, "must be a string"));
      }
    });
    return config.entrySet().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Optional<Duration> duration(String text, String field, List<FieldError> errors) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "'" + text + "' is not an ISO-8601 duration such as PT26H"));
      return Optional.empty();
    }
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
