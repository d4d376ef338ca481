package dev.bms.storage.jdbc;

import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertGroup;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.DeliveryStats;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Severity;
import dev.bms.api.model.Silence;
import dev.bms.api.model.SlaBreach;
import dev.bms.spi.storage.AlertGroupCounter;
import dev.bms.spi.storage.AlertStore;
import dev.bms.storage.jdbc.AlertRows.AlertRow;
import dev.bms.storage.jdbc.AlertRows.AttemptAlertRow;
import dev.bms.storage.jdbc.AlertRows.AttemptRow;
import dev.bms.storage.jdbc.AlertRows.BreachRow;
import dev.bms.storage.jdbc.AlertRows.HistoryRow;
import dev.bms.storage.jdbc.AlertRows.OutcomeCountRow;
import dev.bms.storage.jdbc.AlertRows.SilenceRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link AlertStore} on the {@code bms_alert*} tables (V4_x); one transaction per method. */
final class JdbcAlertStore implements AlertStore {
  static final String SELECT_ALERTS = "dev.bms.storage.jdbc.AlertMapper.selectAlerts";
  private static final String CURSOR = "a1:";

  private final Transactions tx;

  JdbcAlertStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Alert alert, AlertHistoryEntry raised) {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(raised, "raised");
    AlertRow row = AlertRow.of(alert);
    tx.write("insert alert " + alert.id(),
        message -> new ConflictException("fingerprint: an open alert with fingerprint '" + alert.fingerprint()
            + "' (or id " + alert.id() + ") already exists"),
        s -> {
          AlertMapper m = s.getMapper(AlertMapper.class);
          m.insertAlert(row);
          if (!alert.labels().isEmpty()) {
            m.insertLabels(row.id, alert.labels());
          }
          m.insertHistory(HistoryRow.of(raised));
          return null;
        });
  }

  @Override
  public boolean update(Alert alert, Optional<AlertHistoryEntry> entry) {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(entry, "entry");
    AlertRow row = AlertRow.of(alert);
    return tx.write("update alert " + alert.id(),
        message -> new ConflictException("fingerprint: another open alert has fingerprint '" + alert.fingerprint() + "'"),
        s -> {
          AlertMapper m = s.getMapper(AlertMapper.class);
          if (m.updateAlert(row) == 0) {
            return false;
          }
          entry.ifPresent(e -> m.insertHistory(HistoryRow.of(e)));
          return true;
        });
  }

  @Override
  public Optional<Alert> findOpen(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return tx.read("find open alert " + fingerprint,
        s -> Optional.ofNullable(s.getMapper(AlertMapper.class).selectOpen(fingerprint)).map(AlertRow::toAlert));
  }

  @Override
  public Map<String, Alert> findOpen(Collection<String> fingerprints) {
    Objects.requireNonNull(fingerprints, "fingerprints");
    if (fingerprints.isEmpty()) {
      return Map.of();
    }
    List<String> distinct = fingerprints.stream().distinct().toList();
    return tx.read("find open alerts", s -> {
      Map<String, Alert> open = new HashMap<>();
      for (AlertRow row : s.getMapper(AlertMapper.class).selectOpenAmong(TextArray.of(distinct))) {
        Alert a = row.toAlert();
        open.put(a.fingerprint(), a);
      }
      return open;
    });
  }

  @Override
  public void insertAll(List<Alert> alerts, List<AlertHistoryEntry> entries) {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(entries, "entries");
    if (alerts.isEmpty() && entries.isEmpty()) {
      return;
    }
    List<AlertRow> rows = alerts.stream().map(AlertRow::of).toList();
    List<HistoryRow> history = entries.stream().map(HistoryRow::of).toList();
    tx.writeBatched("insert " + alerts.size() + " alerts",
        message -> new ConflictException("fingerprint: one of " + alerts.size()
            + " new alerts has the fingerprint (or id) of an open alert; none was inserted"),
        s -> {
          AlertMapper m = s.getMapper(AlertMapper.class);
          // grouped by statement: each is prepared once and sent as one batch
          rows.forEach(m::insertAlert);
          for (Alert a : alerts) {
            a.labels().forEach((k, v) -> m.insertLabel(a.id().value(), k, v));
          }
          history.forEach(m::insertHistory);
          return null;
        });
  }

  @Override
  public void updateAll(List<Alert> alerts, List<AlertHistoryEntry> entries) {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(entries, "entries");
    if (alerts.isEmpty() && entries.isEmpty()) {
      return;
    }
    List<AlertRow> rows = alerts.stream().map(AlertRow::of).toList();
    List<HistoryRow> history = entries.stream().map(HistoryRow::of).toList();
    tx.writeBatched("update " + alerts.size() + " alerts",
        message -> new ConflictException("fingerprint: an updated alert would reopen a fingerprint that is open"),
        s -> {
          AlertMapper m = s.getMapper(AlertMapper.class);
          rows.forEach(m::updateAlert);
          history.forEach(m::insertHistory);
          return null;
        });
  }

  @Override
  public Optional<Alert> find(AlertId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("find alert " + id,
        s -> Optional.ofNullable(s.getMapper(AlertMapper.class).selectAlert(id.value())).map(AlertRow::toAlert));
  }

  @Override
  public Page<Alert> list(AlertFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    UUID after = page.cursor().map(JdbcAlertStore::parseCursor).orElse(null);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("states", filter.states().stream().map(Enum::name).sorted().toList());
    parameters.put("severities", filter.severities().stream().map(Enum::name).sorted().toList());
    parameters.put("jobId", filter.jobId().map(j -> j.value()).orElse(null));
    parameters.put("rule", filter.rule().orElse(null));
    parameters.put("rules", filter.rules().stream().sorted().toList());
    parameters.put("labels", new LinkedHashMap<>(filter.labels()));
    parameters.put("raisedFrom", filter.raisedFrom().orElse(null));
    parameters.put("raisedBefore", filter.raisedBefore().orElse(null));
    parameters.put("afterId", after);
    parameters.put("limit", page.limit() + 1);
    return tx.read("list alerts", s -> {
      // read by column position (the listing's rows are the hot path of a dashboard), not by reflection
      List<Alert> rows = HandMapped.query(s, SELECT_ALERTS, parameters, AlertRows::readAlerts);
      boolean more = rows.size() > page.limit();
      List<Alert> items = more ? rows.subList(0, page.limit()) : rows;
      Optional<String> next = more ? Optional.of(cursor(items.get(items.size() - 1).id().value()))
          : Optional.empty();
      return new Page<>(List.copyOf(items), next);
    });
  }

  @Override
  public List<AlertGroup> groups(AlertFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return tx.read("count alert groups", s -> {
      AlertGroupCounter counter = new AlertGroupCounter();
      for (AlertMapper.GroupCount g : s.getMapper(AlertMapper.class).countGroups(
          filter.states().stream().map(Enum::name).sorted().toList(),
          filter.severities().stream().map(Enum::name).sorted().toList(),
          filter.jobId().map(j -> j.value()).orElse(null), filter.rule().orElse(null),
          filter.rules().stream().sorted().toList(),
          new LinkedHashMap<>(filter.labels()), filter.raisedFrom().orElse(null), filter.raisedBefore().orElse(null),
          null)) {
        counter.add(g.rule, Severity.valueOf(g.severity), AlertState.valueOf(g.state), g.n);
      }
      return counter.groups();
    });
  }

  @Override
  public void appendHistory(AlertHistoryEntry entry) {
    Objects.requireNonNull(entry, "entry");
    tx.write("append alert history", null, s -> s.getMapper(AlertMapper.class).insertHistory(HistoryRow.of(entry)));
  }

  @Override
  public List<AlertHistoryEntry> history(AlertId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("read alert history " + id,
        s -> s.getMapper(AlertMapper.class).selectHistory(id.value()).stream().map(HistoryRow::toEntry).toList());
  }

  @Override
  public void insertSilence(Silence silence) {
    Objects.requireNonNull(silence, "silence");
    tx.write("insert silence " + silence.id(),
        message -> new ConflictException("id: a silence with id " + silence.id() + " already exists"),
        s -> s.getMapper(AlertMapper.class).insertSilence(SilenceRow.of(silence)));
  }

  @Override
  public List<Silence> silences(Instant at) {
    Objects.requireNonNull(at, "at");
    return tx.read("read silences",
        s -> s.getMapper(AlertMapper.class).selectSilences(at).stream().map(SilenceRow::toSilence).toList());
  }

  @Override
  public boolean expireSilence(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return tx.write("expire silence " + id, null, s -> {
      AlertMapper m = s.getMapper(AlertMapper.class);
      SilenceRow row = m.selectSilence(id);
      if (row == null) {
        return false;
      }
      Instant now = TypeHandlers.toStored(at);
      if (row.endsAt.isAfter(now)) {
        // it ends now; one that had not begun gets a one-microsecond window ending now, kept for the record
        Instant start = row.startsAt.isBefore(now) ? row.startsAt : now.minus(1, ChronoUnit.MICROS);
        m.updateSilenceWindow(id, start, now);
      }
      return true;
    });
  }

  @Override
  public void recordBreach(SlaBreach breach) {
    Objects.requireNonNull(breach, "breach");
    tx.write("record SLA breach of " + breach.alertId(), null, s -> {
      AlertMapper m = s.getMapper(AlertMapper.class);
      if (m.countBreach(breach.alertId().value()) == 0) {
        m.insertBreach(BreachRow.of(breach));
      }
      return null;
    });
  }

  @Override
  public List<SlaBreach> breaches(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return tx.read("read SLA breaches",
        s -> s.getMapper(AlertMapper.class).selectBreaches(from, to).stream().map(BreachRow::toBreach).toList());
  }

  @Override
  public void recordAttempt(NotificationAttempt attempt) {
    Objects.requireNonNull(attempt, "attempt");
    AttemptRow row = new AttemptRow();
    row.id = UUID.randomUUID();
    row.notificationId = attempt.notificationId();
    row.notifier = attempt.notifier();
    row.kind = attempt.kind();
    row.attempt = attempt.attempt();
    row.outcome = attempt.outcome().name();
    row.error = attempt.error().orElse(null);
    row.at = attempt.at();
    tx.write("record notification attempt " + attempt.notificationId(), null, s -> {
      AlertMapper m = s.getMapper(AlertMapper.class);
      m.insertAttempt(row);
      List<UUID> ids = attempt.alertIds().stream().map(AlertId::value).distinct().toList();
      if (!ids.isEmpty()) {
        m.insertAttemptAlerts(row.id, ids);
      }
      return null;
    });
  }

  @Override
  public List<NotificationAttempt> attempts(AlertId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("read notification attempts of " + id, s -> {
      AlertMapper m = s.getMapper(AlertMapper.class);
      List<AttemptRow> rows = m.selectAttempts(id.value());
      if (rows.isEmpty()) {
        return List.<NotificationAttempt>of();
      }
      Map<UUID, List<AlertId>> alerts = new HashMap<>();
      for (AttemptAlertRow r : m.selectAttemptAlerts(UuidArray.of(rows.stream().map(r -> r.id).toList()))) {
        alerts.computeIfAbsent(r.notificationRow, k -> new ArrayList<>()).add(new AlertId(r.alertId));
      }
      return rows.stream().map(r -> new NotificationAttempt(r.notificationId, r.notifier, r.kind,
          alerts.getOrDefault(r.id, List.of()), r.attempt, NotificationAttempt.Outcome.valueOf(r.outcome),
          Optional.ofNullable(r.error), r.at)).toList();
    });
  }

  @Override
  public List<DeliveryStats> deliveryStats(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return tx.read("count notification outcomes", s -> {
      Map<String, long[]> counts = new LinkedHashMap<>();
      for (OutcomeCountRow r : s.getMapper(AlertMapper.class).selectOutcomeCounts(from, to)) {
        long[] c = counts.computeIfAbsent(r.notifier, k -> new long[4]);
        c[NotificationAttempt.Outcome.valueOf(r.outcome).ordinal()] += r.attempts;
      }
      List<DeliveryStats> stats = new ArrayList<>();
      counts.forEach((notifier, c) -> stats.add(new DeliveryStats(notifier,
          c[NotificationAttempt.Outcome.DELIVERED.ordinal()], c[NotificationAttempt.Outcome.RETRYING.ordinal()],
          c[NotificationAttempt.Outcome.UNDELIVERABLE.ordinal()], c[NotificationAttempt.Outcome.DROPPED.ordinal()])));
      return stats;
    });
  }

  private static String cursor(UUID lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static UUID parseCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR)) {
        return UUID.fromString(text.substring(CURSOR.length()));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidRequestException("cursor: '" + dev.bms.api.model.Inputs.excerpt(cursor) + "' is not a cursor of this alert listing");
  }
}
