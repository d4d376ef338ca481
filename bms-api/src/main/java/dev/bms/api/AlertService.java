package dev.bms.api;

import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;

import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertGroup;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.DeliveryStats;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts bms raised from its events (failed executions, RPO breaches, compliance failures...), and
 * what operators do with them: acknowledge, silence, report on acknowledgement SLAs. Every change is
 * stored; alerts raised by one instance are visible to all instances sharing the storage.
 *
 * @since 0.1.0
 */
public interface AlertService {

  /** Firing and acknowledged alerts, most severe first, then newest first. */
  @NotAudited("read")
  List<Alert> open();

  /** A keyset page of alerts matching the filter, newest first. */
  @NotAudited("read")
  Page<Alert> list(AlertFilter filter, PageRequest page);

  /**
   * The alerts matching the filter counted per rule and severity, by state: the most severe first,
   * then the largest group, then by rule. Counted in storage (one statement on the JDBC storage),
   * so it tells the truth however many alerts there are, where a page of {@link #list} stops.
   */
  @NotAudited("read")
  List<AlertGroup> groups(AlertFilter filter);

  /**
   * A keyset page of the alerts of anomaly findings matching the filter, newest first, each with the
   * {@link dev.bms.api.alert.Finding} read back from it: the rules of {@link dev.bms.api.alert.FindingKind}
   * ({@code size-anomaly} ... {@code ransomware-suspected}), narrowed further by the filter's
   * {@code rule} and {@code rules}. One statement on the JDBC storage; writes nothing.
   *
   * <pre>{@code
   * bms.alerts().findings(AlertFilter.forJob(jobId), PageRequest.first(20));   // one job's findings
   * bms.alerts().findings(AlertFilter.open(), PageRequest.first(50));          // open ones, every job
   * bms.alerts().groups(AlertFilter.open().withRules(FindingKind.ruleIds()));  // counted per rule
   * }</pre>
   *
   * @since 0.3.0
   */
  @NotAudited("read")
  Page<dev.bms.api.alert.FindingAlert> findings(AlertFilter filter, PageRequest page);

  /** One alert. */
  @NotAudited("read")
  Optional<Alert> get(AlertId id);

  /**
   * Acknowledges an open alert: it stops being re-notified, and the time to acknowledge counts
   * against its severity's SLA. Acknowledging twice keeps the first acknowledgement.
   *
   * @param who who acknowledges, non-blank, one line of at most 200 characters
   * @param note why or what is being done (may be empty, not null; at most 10,000 characters)
   * @throws NotFoundException when there is no such alert
   * @throws InvalidRequestException when {@code who} is blank or an argument out of bounds
   */
  @Audited(operation = "alerts.acknowledge", resource = "alert")
  Alert acknowledge(AlertId id, String who, String note);

  /**
   * Resolves an open alert of an anomaly finding by hand, after investigating it: the alert's history
   * records who and why, and a resolved notification goes where its firing one went. Resolving a
   * {@code ransomware-suspected} alert lifts the retention pause of its job (see
   * {@link dev.bms.api.alert.AnomalyPolicy}): retention may then delete the restore points it kept,
   * so when four-eyes approval is on ({@link dev.bms.api.approval.GuardedAction#CLEAR_RANSOMWARE_SIGNAL})
   * the call of an actor is held for a second actor's approval and throws
   * {@link ApprovalRequiredException}. The alerts of other rules resolve when their condition clears
   * and cannot be resolved by hand. Resolving a resolved alert returns it unchanged.
   *
   * @param who who resolves, non-blank, one line of at most 200 characters
   * @param reason what was found and done, non-blank (at most 10,000 characters)
   * @throws NotFoundException when there is no such alert
   * @throws InvalidRequestException when the alert is not one of an anomaly finding, {@code who} or
   *     {@code reason} is blank, or an argument out of bounds
   * @since 0.3.0
   */
  @Audited(operation = "alerts.resolve", resource = "alert")
  Alert resolve(AlertId id, String who, String reason);

  /**
   * Mutes notifications of alerts whose labels match every matcher, in {@code [from, until)}.
   *
   * @throws InvalidRequestException when the window is empty, {@code createdBy} blank, or an argument
   *     out of bounds (at most 50 matchers; keys, values and {@code createdBy} one line of at most
   *     200 characters; {@code comment} may be empty, not null)
   */
  @Audited(operation = "alerts.silence", resource = "silence")
  Silence silence(Map<String, String> matchers, Instant from, Instant until, String createdBy, String comment);

  /** Silences that have not ended yet. */
  @NotAudited("read")
  List<Silence> silences();

  /**
   * Ends a silence now.
   *
   * @throws NotFoundException when there is no such silence
   */
  @Audited(operation = "alerts.expireSilence", resource = "silence")
  void expireSilence(String silenceId);

  /** The alert's life, oldest first: raised, seen again, notified, delivered, acknowledged, resolved... */
  @NotAudited("read")
  List<AlertHistoryEntry> history(AlertId id);

  /** Every recorded notification attempt of the alert, oldest first. */
  @NotAudited("read")
  List<NotificationAttempt> notifications(AlertId id);

  /** Delivery outcomes per configured notifier, for attempts in {@code [from, to)}. */
  @NotAudited("read")
  List<DeliveryStats> deliveryStats(Instant from, Instant to);

  /**
   * Acknowledgement figures of the alerts raised in {@code [from, to)}: per severity, time to
   * acknowledge (p50, p95, max), how many were within their SLA, and the breaches.
   */
  @NotAudited("read")
  AckSlaReport slaReport(Instant from, Instant to);
}
