package dev.bms.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the raw baselines map rows to: plain records holding the same information bms returns. The
 * job definition is parsed into a Jackson tree, because bms also parses it (into typed records);
 * a baseline that left it as text would not hold the same information.
 */
final class RawRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawRows() {
  }

  record RawJob(UUID id, String name, boolean enabled, long version, Instant createdAt, Instant updatedAt,
                JsonNode definition) {
  }

  record RawExecution(UUID id, UUID jobId, String mode, String trigger, String status, Instant scheduledFor,
                      Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt,
                      long progressBytes, long bytes, long files, int attempt, String owner, long version,
                      String error, List<RawCopy> copies) {
  }

  record RawCopy(String copyName, String targetType, String status, long bytes, long files, long durationMs,
                 String manifestDigest, String location, Instant immutableUntil, String error) {
  }

  record RawOverview(RawJob job, RawExecution latest, Instant lastSuccess) {
  }

  record RawHistory(RawJob job, List<RawExecution> executions) {
  }

  /** The seven job columns starting at {@code at}. */
  static RawJob job(ResultSet rs, int at) throws SQLException {
    try {
      return new RawJob(rs.getObject(at, UUID.class), rs.getString(at + 1), rs.getBoolean(at + 2), rs.getLong(at + 3),
          instant(rs, at + 4), instant(rs, at + 5), JSON.readTree(rs.getString(at + 6)));
    } catch (java.io.IOException e) {
      throw new SQLException("bad definition", e);
    }
  }

  /** The seventeen execution columns starting at {@code at}, or null when its id is null. */
  static RawExecution execution(ResultSet rs, int at, List<RawCopy> copies) throws SQLException {
    UUID id = rs.getObject(at, UUID.class);
    if (id == null) {
      return null;
    }
    return new RawExecution(id, rs.getObject(at + 1, UUID.class), rs.getString(at + 2), rs.getString(at + 3),
        rs.getString(at + 4), instant(rs, at + 5), instant(rs, at + 6), instant(rs, at + 7), instant(rs, at + 8),
        instant(rs, at + 9), rs.getLong(at + 10), rs.getLong(at + 11), rs.getLong(at + 12), rs.getInt(at + 13),
        rs.getString(at + 14), rs.getLong(at + 15), rs.getString(at + 16), copies);
  }

  /** The ten copy columns starting at {@code at}, or null when its name is null. */
  static RawCopy copy(ResultSet rs, int at) throws SQLException {
    String name = rs.getString(at);
    if (name == null) {
      return null;
    }
    return new RawCopy(name, rs.getString(at + 1), rs.getString(at + 2), rs.getLong(at + 3), rs.getLong(at + 4),
        rs.getLong(at + 5), rs.getString(at + 6), rs.getString(at + 7), instant(rs, at + 8), rs.getString(at + 9));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static final String JOB_COLUMNS = "j.id, j.name, j.enabled, j.version, j.created_at, j.updated_at, j.definition";
  static final String EXECUTION_COLUMNS = "e.id, e.job_id, e.mode, e.trigger, e.status, e.scheduled_for, e.created_at,"
      + " e.started_at, e.finished_at, e.heartbeat_at, e.progress_bytes, e.bytes, e.files, e.attempt, e.owner,"
      + " e.version, e.error";
  static final String COPY_COLUMNS = "c.copy_name, c.target_type, c.status, c.bytes, c.files, c.duration_ms,"
      + " c.manifest_digest, c.location, c.immutable_until, c.error";
}
