package dev.bms.storage.jdbc;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobOverview;
import dev.bms.storage.jdbc.Rows.CopyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import dev.bms.storage.jdbc.Rows.JobRow;
import dev.bms.storage.jdbc.Rows.LabelRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * A page of job overviews in one query ({@code JobOverviewMapper.xml}), read by hand: on 1,000 jobs
 * this is several times faster than four queries mapped by MyBatis, and the number of statements
 * stays one whatever the page size.
 */
final class OverviewQuery {
  static final String STATEMENT = "dev.bms.storage.jdbc.JobOverviewMapper.selectOverview";

  private OverviewQuery() {
  }

  /** Up to {@code limit} overviews (one more row than a page, to tell whether more follow). */
  static List<Entry> select(SqlSession session, Boolean enabled, String namePattern, List<LabelRow> labels,
                            UUID afterId, int limit) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("enabled", enabled);
    parameters.put("namePattern", namePattern);
    parameters.put("labels", labels);
    parameters.put("afterId", afterId);
    parameters.put("limit", limit);
    return HandMapped.query(session, STATEMENT, parameters, OverviewQuery::read);
  }

  /** One job's row with its latest execution and last success. */
  record Entry(JobRow job, Optional<Execution> latest, Optional<Instant> lastSuccess) {
    JobOverview toOverview() {
      return new JobOverview(job.toJob(), latest, lastSuccess);
    }
  }

  private static List<Entry> read(ResultSet rs) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    JobRow job = null;
    ExecutionRow latest = null;
    List<CopyResult> copies = null;
    Instant lastSuccess = null;
    while (rs.next()) {
      UUID id = rs.getObject(1, UUID.class);
      if (job == null || !job.id.equals(id)) {
        if (job != null) {
          entries.add(entry(job, latest, copies, lastSuccess));
        }
        job = HandMapped.job(rs, 1);
        latest = HandMapped.execution(rs, 8);
        copies = new ArrayList<>(2);
        lastSuccess = HandMapped.instant(rs, 37);
      }
      CopyRow copy = HandMapped.copy(rs, 25);
      if (copy != null) {
        copies.add(copy.toCopyResult());
      }
    }
    if (job != null) {
      entries.add(entry(job, latest, copies, lastSuccess));
    }
    return entries;
  }

  private static Entry entry(JobRow job, ExecutionRow latest, List<CopyResult> copies, Instant lastSuccess) {
    return new Entry(job, Optional.ofNullable(latest).map(e -> e.toExecution(copies)), Optional.ofNullable(lastSuccess));
  }
}
