package dev.bms.spi.storage;

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
import dev.bms.api.model.SlaBreach;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts, their history, silences, SLA breaches and notification attempts. Every method is one
 * transaction. At most one open alert exists per fingerprint: that is what deduplicates alerts
 * across instances.
 *
 * @since 0.1.0
 */
public interface AlertStore {

  /**
   * Inserts a new open alert with its RAISED history entry.
   *
   * @throws dev.bms.api.ConflictException when an open alert with that fingerprint exists
   */
  void insert(Alert alert, AlertHistoryEntry raised);

  /**
   * Replaces the stored alert (same id) and appends a history entry, in one transaction.
   *
   * @return false when no alert has that id
   */
  boolean update(Alert alert, Optional<AlertHistoryEntry> entry);

  /** The open (firing or acknowledged) alert with this fingerprint. */
  Optional<Alert> findOpen(String fingerprint);

  /**
   * The open alerts with any of these fingerprints, by fingerprint, in one query whatever their
   * number (absent fingerprints have no open alert).
   */
  Map<String, Alert> findOpen(Collection<String> fingerprints);

  /**
   * Inserts new open alerts (with their labels) and history entries, in one transaction and a
   * fixed number of statements (batched) whatever their number.
   *
   * @throws dev.bms.api.ConflictException when one of them has the fingerprint of an open alert
   *     (nothing is inserted)
   */
  void insertAll(List<Alert> alerts, List<AlertHistoryEntry> entries);

  /**
   * Replaces stored alerts (by id; unknown ids are skipped) and appends history entries, in one
   * transaction and a fixed number of statements (batched) whatever their number.
   */
  void updateAll(List<Alert> alerts, List<AlertHistoryEntry> entries);

  /** One alert. */
  Optional<Alert> find(AlertId id);

  /** A keyset page of alerts matching the filter, newest (highest id) first. */
  Page<Alert> list(AlertFilter filter, PageRequest page);

  /**
   * The alerts matching the filter counted per (rule, severity), by state, in any order. The default
   * pages through {@link #list} and counts in memory, correct for any store but as slow as listing
   * every alert: a store that can count in its query language should override it.
   *
   * @since 0.2.0
   */
  default List<AlertGroup> groups(AlertFilter filter) {
    AlertGroupCounter counter = new AlertGroupCounter();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (page != null) {
      Page<Alert> p = list(filter, page);
      p.items().forEach(a -> counter.add(a.rule(), a.severity(), a.state(), 1));
      page = p.nextCursor().map(cursor -> PageRequest.after(cursor, PageRequest.MAX_LIMIT)).orElse(null);
    }
    return counter.groups();
  }

  /** Appends one history entry. */
  void appendHistory(AlertHistoryEntry entry);

  /** The alert's history, oldest first. */
  List<AlertHistoryEntry> history(AlertId id);

  /**
   * Inserts a silence.
   *
   * @throws dev.bms.api.ConflictException when the id is taken
   */
  void insertSilence(Silence silence);

  /** Silences whose end is after {@code at}, by start. */
  List<Silence> silences(Instant at);

  /**
   * Ends a silence at {@code at} (keeps it for the record).
   *
   * @return false when there is no such silence
   */
  boolean expireSilence(String id, Instant at);

  /** Records a breach; recording the same alert's breach twice keeps the first. */
  void recordBreach(SlaBreach breach);

  /** Breaches of alerts raised in {@code [from, to)}, oldest first. */
  List<SlaBreach> breaches(Instant from, Instant to);

  /** Records one notification attempt (with its alerts). */
  void recordAttempt(NotificationAttempt attempt);

  /** Every attempt that carried the alert, oldest first. */
  List<NotificationAttempt> attempts(AlertId id);

  /** Attempt outcomes per notifier, for attempts in {@code [from, to)}, by notifier name. */
  List<DeliveryStats> deliveryStats(Instant from, Instant to);
}
