package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSession;

/**
 * Runs a mapped statement whose rows are read by hand, by column position. The SQL stays in the
 * mapper XML (with its vendor variants and parameter binding); only the row mapping is hand-written,
 * where MyBatis's reflective mapping would cost more than the query: bulk reads (tens of thousands of
 * rows, joined rows grouped into executions with their copies) and the small counter reads every
 * dashboard refresh makes (MyBatis works out its automatic mapping again for each query).
 */
final class HandMapped {
  private HandMapped() {
  }

  /** Reads the rows of a query. */
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  static <T> T query(SqlSession session, String statement, Map<String, Object> parameters, Reader<T> reader) {
    MappedStatement ms = session.getConfiguration().getMappedStatement(statement);
    BoundSql sql = ms.getBoundSql(parameters);
    try (PreparedStatement ps = session.getConnection().prepareStatement(sql.getSql())) {
      ParameterHandler binder = new DefaultParameterHandler(ms, parameters, sql);
      binder.setParameters(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new org.apache.ibatis.exceptions.PersistenceException("Error querying " + statement + ": " + e.getMessage(), e);
    }
  }

  /** The seven job columns ({@code jobColumns}) from column {@code at}. */
  static JobRow job(ResultSet rs, int at) throws SQLException {
    JobRow r = new JobRow();
    r.id = rs.getObject(at, UUID.class);
    r.name = rs.getString(at + 1);
    r.enabled = rs.getBoolean(at + 2);
    r.version = rs.getLong(at + 3);
    r.createdAt = instant(rs, at + 4);
    r.updatedAt = instant(rs, at + 5);
    r.definition = rs.getString(at + 6);
    return r;
  }

  /** The seventeen execution columns ({@code executionColumns}) from column {@code at}; null if none. */
  static ExecutionRow execution(ResultSet rs, int at) throws SQLException {
    UUID id = rs.getObject(at, UUID.class);
    if (id == null) {
      return null;
    }
    ExecutionRow r = new ExecutionRow();
    r.id = id;
    r.jobId = rs.getObject(at + 1, UUID.class);
    r.mode = rs.getString(at + 2);
    r.trigger = rs.getString(at + 3);
    r.status = rs.getString(at + 4);
    r.scheduledFor = instant(rs, at + 5);
    r.createdAt = instant(rs, at + 6);
    r.startedAt = instant(rs, at + 7);
    r.finishedAt = instant(rs, at + 8);
    r.heartbeatAt = instant(rs, at + 9);
    r.progressBytes = rs.getLong(at + 10);
    r.bytes = rs.getLong(at + 11);
    r.files = rs.getLong(at + 12);
    r.attempt = rs.getInt(at + 13);
    r.owner = rs.getString(at + 14);
    r.version = rs.getLong(at + 15);
    r.error = rs.getString(at + 16);
    return r;
  }

  /** The twelve copy columns ({@code copyColumns}) from column {@code at}; null if none. */
  static CopyRow copy(ResultSet rs, int at) throws SQLException {
    UUID executionId = rs.getObject(at, UUID.class);
    if (executionId == null) {
      return null;
    }
    CopyRow r = new CopyRow();
    r.executionId = executionId;
    r.position = rs.getInt(at + 1);
    r.copyName = rs.getString(at + 2);
    r.targetType = rs.getString(at + 3);
    r.status = rs.getString(at + 4);
    r.bytes = rs.getLong(at + 5);
    r.files = rs.getLong(at + 6);
    r.durationMs = rs.getLong(at + 7);
    r.manifestDigest = rs.getString(at + 8);
    r.location = rs.getString(at + 9);
    r.immutableUntil = instant(rs, at + 10);
    r.error = rs.getString(at + 11);
    return r;
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
