package dev.bms.storage.jdbc;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.JobId;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.QueuedExecution;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore.FireRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flat rows of the scheduler tables (see {@link Rows} for the conventions). */
final class SchedulerRows {
  private SchedulerRows() {
  }

  /** Lists stored as ",a,b," so one LIKE '%,a,%' finds a member. */
  static String joinList(List<String> values) {
    return values.isEmpty() ? "," : "," + String.join(",", values) + ",";
  }

  static List<String> splitList(String stored) {
    if (stored == null || stored.length() <= 1) {
      return List.of();
    }
    return Arrays.stream(stored.substring(1, stored.length() - 1).split(",")).filter(s -> !s.isEmpty()).toList();
  }

  /** A {@code bms_schedule} row. */
  static final class ScheduleRow {
    UUID jobId;
    long jobVersion;
    String fingerprint;
    boolean enabled;
    Instant nextFireAt;
    Long rpoMs;
    Instant rpoNotifiedAt;
    Instant updatedAt;

    static ScheduleRow of(ScheduleState s) {
      ScheduleRow r = new ScheduleRow();
      r.jobId = s.jobId().value();
      r.jobVersion = s.jobVersion();
      r.fingerprint = s.fingerprint();
      r.enabled = s.enabled();
      r.nextFireAt = s.nextFireAt().orElse(null);
      r.rpoMs = s.rpo().map(Duration::toMillis).orElse(null);
      r.rpoNotifiedAt = s.rpoNotifiedAt().orElse(null);
      r.updatedAt = s.updatedAt();
      return r;
    }

    ScheduleState toState() {
      return new ScheduleState(new JobId(jobId), jobVersion, fingerprint, enabled, Optional.ofNullable(nextFireAt),
          Optional.ofNullable(rpoMs).map(Duration::ofMillis), Optional.ofNullable(rpoNotifiedAt), updatedAt);
    }
  }

  /** A {@code bms_fire} row. */
  static final class FireRow {
    UUID jobId;
    Instant scheduledFor;
    String outcome;
    UUID executionId;
    Instant recordedAt;
    String recordedBy;

    static FireRow of(Fire f, Instant at, String by) {
      FireRow r = new FireRow();
      r.jobId = f.jobId().value();
      r.scheduledFor = f.scheduledFor();
      r.outcome = f.outcome().name();
      r.executionId = f.execution().map(q -> q.execution().id().value()).orElse(null);
      r.recordedAt = at;
      r.recordedBy = by;
      return r;
    }

    FireRecord toRecord() {
      return new FireRecord(new JobId(jobId), scheduledFor, Fire.Outcome.valueOf(outcome),
          Optional.ofNullable(executionId).map(ExecutionId::new), recordedAt, recordedBy);
    }
  }

  /** A {@code bms_execution} row with the queue columns. */
  static final class QueueRow extends Rows.ExecutionRow {
    Instant dueAt;
    Instant leaseUntil;
    String copySubset;
    String targetTypes;
    UUID retryOf;
    /** The job id while a submission waits (one per job, by a unique constraint); null otherwise. */
    UUID queuedJobId;

    static QueueRow of(QueuedExecution q) {
      Execution e = q.execution();
      QueueRow r = new QueueRow();
      r.id = e.id().value();
      r.jobId = e.jobId().value();
      r.mode = e.mode().name();
      r.trigger = e.trigger().name();
      r.scheduledFor = e.scheduledFor().orElse(null);
      r.createdAt = e.createdAt();
      r.attempt = e.attempt();
      r.version = e.version();
      r.dueAt = q.dueAt();
      r.targetTypes = joinList(q.targetTypes());
      r.copySubset = q.copySubset().isEmpty() ? null : joinList(q.copySubset());
      r.retryOf = q.retryOf().map(ExecutionId::value).orElse(null);
      r.queuedJobId = e.trigger() == ExecutionTrigger.MANUAL && q.retryOf().isEmpty() ? r.jobId : null;
      return r;
    }

    Execution toExecution() {
      return toExecution(List.of());
    }

    ClaimedExecution toClaimed() {
      return new ClaimedExecution(toExecution(), splitList(copySubset), splitList(targetTypes),
          leaseUntil == null ? Instant.EPOCH : leaseUntil);
    }
  }

  /** The queue's depth ({@code selectQueueDepth}). */
  static final class QueueDepthRow {
    long pending;
    long running;
    Instant oldestDue;

    dev.bms.spi.storage.QueueDepth toDepth() {
      return new dev.bms.spi.storage.QueueDepth(pending, running, Optional.ofNullable(oldestDue));
    }
  }
}
