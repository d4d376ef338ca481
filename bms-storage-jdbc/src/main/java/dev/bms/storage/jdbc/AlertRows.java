package dev.bms.storage.jdbc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Severity;
import dev.bms.api.model.Silence;
import dev.bms.api.model.SlaBreach;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Flat rows of the alerting tables (V4_x), and their conversion to the api records. */
final class AlertRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertRows() {
  }

  static String toJson(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write labels as JSON", e);
    }
  }

  static Map<String, String> fromJson(String json) {
    if (json == null || json.equals("{}")) {
      return Map.of();
    }
    // streamed: the object of strings toJson writes, without a tree or a type lookup per row
    try (JsonParser p = JSON.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("stored labels are not a JSON object: " + json);
      }
      Map<String, String> out = new TreeMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.getCurrentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalStateException("stored label '" + key + "' is not a string: " + json);
        }
        out.put(key, p.getText());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("stored labels are not a JSON object: " + json, e);
    }
  }

  /**
   * The rows of {@code selectAlerts} ({@code alertColumns}, in their order) read by column position:
   * a dashboard lists a page of alerts on every refresh, and reflective mapping of 21 columns per row
   * cost more than the query.
   */
  static List<Alert> readAlerts(ResultSet rs) throws SQLException {
    List<Alert> out = new ArrayList<>();
    while (rs.next()) {
      UUID job = rs.getObject(7, UUID.class);
      out.add(new Alert(new AlertId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(4),
          Severity.valueOf(rs.getString(5)), AlertState.valueOf(rs.getString(6)),
          job == null ? Optional.empty() : Optional.of(new JobId(job)), Optional.ofNullable(rs.getString(8)),
          rs.getString(9), rs.getString(10), fromJson(rs.getString(11)), rs.getInt(12),
          HandMapped.instant(rs, 13), HandMapped.instant(rs, 14), HandMapped.instant(rs, 15),
          Optional.ofNullable(HandMapped.instant(rs, 16)), Optional.ofNullable(HandMapped.instant(rs, 17)),
          Optional.ofNullable(rs.getString(18)), Optional.ofNullable(rs.getString(19)),
          Optional.ofNullable(HandMapped.instant(rs, 20)), rs.getBoolean(21)));
    }
    return out;
  }

  /** A {@code bms_alert} row. */
  static final class AlertRow {
    UUID id;
    String fingerprint;
    String openFingerprint;
    String rule;
    String severity;
    String state;
    UUID jobId;
    String jobName;
    String title;
    String detail;
    String labels;
    int seenCount;
    Instant firstSeen;
    Instant lastSeen;
    Instant ackDeadline;
    Instant lastNotifiedAt;
    Instant acknowledgedAt;
    String acknowledgedBy;
    String ackNote;
    Instant resolvedAt;
    boolean slaBreached;

    static AlertRow of(Alert a) {
      AlertRow r = new AlertRow();
      r.id = a.id().value();
      r.fingerprint = a.fingerprint();
      r.openFingerprint = a.isOpen() ? a.fingerprint() : null;
      r.rule = a.rule();
      r.severity = a.severity().name();
      r.state = a.state().name();
      r.jobId = a.jobId().map(JobId::value).orElse(null);
      r.jobName = a.jobName().orElse(null);
      r.title = a.title();
      r.detail = a.detail();
      r.labels = toJson(a.labels());
      r.seenCount = a.count();
      r.firstSeen = a.firstSeen();
      r.lastSeen = a.lastSeen();
      r.ackDeadline = a.ackDeadline();
      r.lastNotifiedAt = a.lastNotifiedAt().orElse(null);
      r.acknowledgedAt = a.acknowledgedAt().orElse(null);
      r.acknowledgedBy = a.acknowledgedBy().orElse(null);
      r.ackNote = a.ackNote().orElse(null);
      r.resolvedAt = a.resolvedAt().orElse(null);
      r.slaBreached = a.slaBreached();
      return r;
    }

    Alert toAlert() {
      return new Alert(new AlertId(id), fingerprint, rule, Severity.valueOf(severity), AlertState.valueOf(state),
          Optional.ofNullable(jobId).map(JobId::new), Optional.ofNullable(jobName), title, detail, fromJson(labels),
          seenCount, firstSeen, lastSeen, ackDeadline, Optional.ofNullable(lastNotifiedAt),
          Optional.ofNullable(acknowledgedAt), Optional.ofNullable(acknowledgedBy), Optional.ofNullable(ackNote),
          Optional.ofNullable(resolvedAt), slaBreached);
    }
  }

  /** A {@code bms_alert_history} row. */
  static final class HistoryRow {
    UUID alertId;
    Instant at;
    String kind;
    String detail;

    static HistoryRow of(AlertHistoryEntry e) {
      HistoryRow r = new HistoryRow();
      r.alertId = e.alertId().value();
      r.at = e.at();
      r.kind = e.kind().name();
      r.detail = e.detail();
      return r;
    }

    AlertHistoryEntry toEntry() {
      return new AlertHistoryEntry(new AlertId(alertId), at, AlertHistoryEntry.Kind.valueOf(kind), detail);
    }
  }

  /** A {@code bms_alert_silence} row. */
  static final class SilenceRow {
    String id;
    String matchers;
    Instant startsAt;
    Instant endsAt;
    String createdBy;
    String comment;
    Instant createdAt;

    static SilenceRow of(Silence s) {
      SilenceRow r = new SilenceRow();
      r.id = s.id();
      r.matchers = toJson(s.matchers());
      r.startsAt = s.startsAt();
      r.endsAt = s.endsAt();
      r.createdBy = s.createdBy();
      r.comment = s.comment();
      r.createdAt = s.createdAt();
      return r;
    }

    Silence toSilence() {
      return new Silence(id, fromJson(matchers), startsAt, endsAt, createdBy, comment, createdAt);
    }
  }

  /** A {@code bms_alert_sla_breach} row. */
  static final class BreachRow {
    UUID alertId;
    String severity;
    String rule;
    String jobName;
    Instant raisedAt;
    Instant deadline;
    Instant detectedAt;

    static BreachRow of(SlaBreach b) {
      BreachRow r = new BreachRow();
      r.alertId = b.alertId().value();
      r.severity = b.severity().name();
      r.rule = b.rule();
      r.jobName = b.jobName().orElse(null);
      r.raisedAt = b.raisedAt();
      r.deadline = b.deadline();
      r.detectedAt = b.detectedAt();
      return r;
    }

    SlaBreach toBreach() {
      return new SlaBreach(new AlertId(alertId), Severity.valueOf(severity), rule, Optional.ofNullable(jobName),
          raisedAt, deadline, detectedAt);
    }
  }

  /** A {@code bms_alert_notification} row, with the alert ids joined for reading. */
  static final class AttemptRow {
    UUID id;
    String notificationId;
    String notifier;
    String kind;
    int attempt;
    String outcome;
    String error;
    Instant at;
  }

  /** One (attempt row, alert) pair. */
  static final class AttemptAlertRow {
    UUID notificationRow;
    UUID alertId;
  }

  /** Attempts per notifier and outcome. */
  static final class OutcomeCountRow {
    String notifier;
    String outcome;
    long attempts;
  }
}
