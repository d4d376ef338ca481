package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Rollup;
import dev.bms.spi.storage.RollupBuckets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * The rollup totals of {@code [from, to)} summed per bucket by the database, in one pass over
 * {@code bms_rollup_total}'s primary key; buckets without executions have no row.
 *
 * <p>Every dashboard refresh runs this twice (the summary's "today" and "this week", the success-rate
 * series), so its SQL is written here rather than in the mapper XML: built once per bucket shape and
 * reused, its rows read by position. From MyBatis's dynamic SQL (a {@code <choose>}, a
 * {@code <foreach>} over the bucket starts, {@code ${}} substitutions) and automatic mapping it cost
 * several times the query on H2. The statement is the same on H2 and PostgreSQL.
 */
final class BucketTotalsQuery {
  private static final String SUMS = "SELECT t.bucket, SUM(t.succeeded), SUM(t.partial), SUM(t.failed),"
      + " SUM(t.cancelled), SUM(t.duration_ms), MAX(t.max_duration_ms), SUM(t.bytes) FROM (SELECT ";
  private static final String FROM = " AS bucket, succeeded, partial, failed, cancelled, duration_ms,"
      + " max_duration_ms, bytes FROM bms_rollup_total WHERE slot >= ? AND slot < ?) t GROUP BY t.bucket";
  /** Buckets of one width: the bucket by arithmetic. */
  private static final String EVEN = SUMS + "(slot - ?) / ?" + FROM;
  /** Buckets of different widths, by their number: a CASE over the starts of all but the first. */
  private static final ConcurrentMap<Integer, String> UNEVEN = new ConcurrentHashMap<>();

  private BucketTotalsQuery() {
  }

  /** Adds the totals per bucket of {@code slots} (the first slot of each bucket, then the end) to {@code sums}. */
  static void sum(SqlSession session, long[] slots, RollupBuckets sums) {
    long from = slots[0];
    long to = slots[slots.length - 1];
    long width = slots[1] - slots[0];
    boolean even = width > 0;
    for (int i = 1; even && i + 1 < slots.length; i++) {
      even = slots[i + 1] - slots[i] == width;
    }
    int starts = slots.length - 2; // bucket starts after the first
    String sql = even ? EVEN : UNEVEN.computeIfAbsent(starts, BucketTotalsQuery::caseSql);
    try (PreparedStatement ps = session.getConnection().prepareStatement(sql)) {
      int p = 1;
      if (even) {
        ps.setLong(p++, from);
        ps.setLong(p++, width);
      } else {
        for (int i = 1; i <= starts; i++) {
          ps.setLong(p++, slots[i]);
        }
      }
      ps.setLong(p++, from);
      ps.setLong(p, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sums.add(rs.getInt(1), new Rollup(Instant.EPOCH, rs.getLong(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        }
      }
    } catch (SQLException e) {
      throw new PersistenceException("Error summing rollup totals per bucket: " + e.getMessage(), e);
    }
  }

  private static String caseSql(int starts) {
    StringBuilder sql = new StringBuilder(SUMS).append("CASE");
    for (int i = 0; i < starts; i++) {
      sql.append(" WHEN slot < ? THEN ").append(i);
    }
    return sql.append(" ELSE ").append(starts).append(" END").append(FROM).toString();
  }
}
