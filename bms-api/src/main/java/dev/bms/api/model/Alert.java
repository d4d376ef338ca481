package dev.bms.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem bms raised, deduplicated by its {@link #fingerprint()}: the same problem seen again
 * while the alert is open increments {@link #count()} and moves {@link #lastSeen()} rather than
 * raising another alert.
 *
 * @param id identity
 * @param fingerprint what makes two occurrences "the same problem" (rule, job and rule-specific key)
 * @param rule the rule that raised it, e.g. {@code "execution-failed"} (see {@link dev.bms.api.alert.AlertRule})
 * @param severity its severity
 * @param state firing, acknowledged or resolved
 * @param jobId the job concerned, if any
 * @param jobName the job's name, if any
 * @param title one line, e.g. {@code "Backup payroll-files failed"}
 * @param detail a few lines of explanation (the last occurrence's)
 * @param labels the job's labels plus the rule's ({@code bms.rule}, {@code bms.severity}...)
 * @param count how many times the condition was seen while open
 * @param firstSeen when it was raised
 * @param lastSeen when the condition was last seen
 * @param ackDeadline when it must be acknowledged by (first seen + the severity's SLA)
 * @param lastNotifiedAt when a notification about it was last queued for delivery
 * @param acknowledgedAt when it was acknowledged
 * @param acknowledgedBy who acknowledged it
 * @param ackNote what they said
 * @param resolvedAt when it resolved
 * @param slaBreached whether it was not acknowledged by its deadline
 * @since 0.1.0
 */
public record Alert(
    AlertId id,
    String fingerprint,
    String rule,
    Severity severity,
    AlertState state,
    Optional<JobId> jobId,
    Optional<String> jobName,
    String title,
    String detail,
    Map<String, String> labels,
    int count,
    Instant firstSeen,
    Instant lastSeen,
    Instant ackDeadline,
    Optional<Instant> lastNotifiedAt,
    Optional<Instant> acknowledgedAt,
    Optional<String> acknowledgedBy,
    Optional<String> ackNote,
    Optional<Instant> resolvedAt,
    boolean slaBreached) {

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    labels = Map.copyOf(labels);
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(ackDeadline, "ackDeadline");
    Objects.requireNonNull(lastNotifiedAt, "lastNotifiedAt");
    Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    Objects.requireNonNull(ackNote, "ackNote");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    if (state == AlertState.RESOLVED && resolvedAt.isEmpty()) {
      throw new IllegalArgumentException("a RESOLVED alert needs resolvedAt");
    }
    if (state == AlertState.ACKNOWLEDGED && acknowledgedAt.isEmpty()) {
      throw new IllegalArgumentException("an ACKNOWLEDGED alert needs acknowledgedAt");
    }
  }

  /** True while the condition holds. */
  public boolean isOpen() {
    return state.isOpen();
  }

  /** The same alert seen once more, at {@code at}, with the latest detail. */
  public Alert seenAgain(Instant at, String newDetail) {
    return new Alert(id, fingerprint, rule, severity, state, jobId, jobName, title, newDetail, labels, count + 1,
        firstSeen, at, ackDeadline, lastNotifiedAt, acknowledgedAt, acknowledgedBy, ackNote, resolvedAt, slaBreached);
  }

  /** The same alert, notified at {@code at}. */
  public Alert notifiedAt(Instant at) {
    return new Alert(id, fingerprint, rule, severity, state, jobId, jobName, title, detail, labels, count,
        firstSeen, lastSeen, ackDeadline, Optional.of(at), acknowledgedAt, acknowledgedBy, ackNote, resolvedAt,
        slaBreached);
  }

  /** The same alert, acknowledged. A resolved alert keeps its state. */
  public Alert acknowledged(Instant at, String who, String note) {
    AlertState next = state == AlertState.RESOLVED ? AlertState.RESOLVED : AlertState.ACKNOWLEDGED;
    return new Alert(id, fingerprint, rule, severity, next, jobId, jobName, title, detail, labels, count,
        firstSeen, lastSeen, ackDeadline, lastNotifiedAt, Optional.of(at), Optional.of(who), Optional.of(note),
        resolvedAt, slaBreached || at.isAfter(ackDeadline));
  }

  /** The same alert, resolved at {@code at}. */
  public Alert resolved(Instant at) {
    return new Alert(id, fingerprint, rule, severity, AlertState.RESOLVED, jobId, jobName, title, detail, labels,
        count, firstSeen, lastSeen, ackDeadline, lastNotifiedAt, acknowledgedAt, acknowledgedBy, ackNote,
        Optional.of(at), slaBreached);
  }

  /** The same alert, marked as having missed its acknowledgement deadline. */
  public Alert breached() {
    return new Alert(id, fingerprint, rule, severity, state, jobId, jobName, title, detail, labels, count,
        firstSeen, lastSeen, ackDeadline, lastNotifiedAt, acknowledgedAt, acknowledgedBy, ackNote, resolvedAt, true);
  }
}
