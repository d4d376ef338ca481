package dev.bms.storage.jdbc;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;

/**
 * JDBC conversions shared by H2 and PostgreSQL: {@link Instant} as {@code TIMESTAMP WITH TIME ZONE}
 * through {@link OffsetDateTime} in UTC (never {@code java.sql.Timestamp}, whose JVM-zone
 * conversions break at DST gaps), truncated to microseconds; {@link UUID} as the native uuid
 * type; {@link UuidArray} and {@link TextArray} as SQL arrays for {@code = ANY(?)}.
 */
final class TypeHandlers {
  private TypeHandlers() {
  }

  static void register(TypeHandlerRegistry registry) {
    registry.register(Instant.class, new InstantHandler());
    registry.register(UUID.class, new UuidHandler());
    registry.register(UuidArray.class, new UuidArrayHandler());
    registry.register(TextArray.class, new TextArrayHandler());
  }

  /** Instants are stored with microsecond precision; this is the one place that truncates. */
  static Instant toStored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static final class InstantHandler extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
        throws SQLException {
      ps.setObject(i, toStored(parameter).atOffset(ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
      return toInstant(rs.getObject(columnName, OffsetDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
      return toInstant(rs.getObject(columnIndex, OffsetDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
      return toInstant(cs.getObject(columnIndex, OffsetDateTime.class));
    }

    private static Instant toInstant(OffsetDateTime value) {
      return value == null ? null : value.toInstant();
    }
  }

  static final class UuidHandler extends BaseTypeHandler<UUID> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, UUID parameter, JdbcType jdbcType)
        throws SQLException {
      ps.setObject(i, parameter);
    }

    @Override
    public UUID getNullableResult(ResultSet rs, String columnName) throws SQLException {
      return rs.getObject(columnName, UUID.class);
    }

    @Override
    public UUID getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
      return rs.getObject(columnIndex, UUID.class);
    }

    @Override
    public UUID getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
      return cs.getObject(columnIndex, UUID.class);
    }
  }

  static final class UuidArrayHandler extends BaseTypeHandler<UuidArray> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, UuidArray parameter, JdbcType jdbcType)
        throws SQLException {
      ps.setArray(i, ps.getConnection().createArrayOf("uuid", parameter.values().toArray()));
    }

    @Override
    public UuidArray getNullableResult(ResultSet rs, String columnName) {
      throw new UnsupportedOperationException("uuid arrays are parameters only");
    }

    @Override
    public UuidArray getNullableResult(ResultSet rs, int columnIndex) {
      throw new UnsupportedOperationException("uuid arrays are parameters only");
    }

    @Override
    public UuidArray getNullableResult(CallableStatement cs, int columnIndex) {
      throw new UnsupportedOperationException("uuid arrays are parameters only");
    }
  }

  static final class TextArrayHandler extends BaseTypeHandler<TextArray> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, TextArray parameter, JdbcType jdbcType)
        throws SQLException {
      ps.setArray(i, ps.getConnection().createArrayOf("varchar", parameter.values().toArray()));
    }

    @Override
    public TextArray getNullableResult(ResultSet rs, String columnName) {
      throw new UnsupportedOperationException("text arrays are parameters only");
    }

    @Override
    public TextArray getNullableResult(ResultSet rs, int columnIndex) {
      throw new UnsupportedOperationException("text arrays are parameters only");
    }

    @Override
    public TextArray getNullableResult(CallableStatement cs, int columnIndex) {
      throw new UnsupportedOperationException("text arrays are parameters only");
    }
  }
}
