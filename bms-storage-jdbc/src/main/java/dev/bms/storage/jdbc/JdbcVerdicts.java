package dev.bms.storage.jdbc;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.storage.VerdictCount;
import dev.bms.storage.jdbc.VerdictMapper.VerdictRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The stored-verdict half of {@link JdbcComplianceStore} (table {@code bms_compliance_verdict}). */
final class JdbcVerdicts {
  static final String LIST_VERDICTS = "dev.bms.storage.jdbc.VerdictMapper.listVerdicts";
  private static final String COUNT_PER_RULE = "dev.bms.storage.jdbc.VerdictMapper.countPerRule";

  private final Transactions tx;

  JdbcVerdicts(Transactions tx) {
    this.tx = tx;
  }

  Map<JobId, JobCompliance> verdicts(Collection<JobId> jobIds) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    UuidArray ids = UuidArray.of(jobIds.stream().map(JobId::value).toList());
    return tx.read("read stored compliance verdicts", s -> {
      Map<JobId, JobCompliance> out = new HashMap<>();
      for (VerdictRow r : s.getMapper(VerdictMapper.class).selectVerdicts(ids)) {
        out.put(new JobId(r.jobId), toVerdict(r));
      }
      return out;
    });
  }

  /**
   * Delete then insert, as JDBC batches, with the counters kept in step (see {@link VerdictCounts}):
   * about ten statements whatever the number of verdicts.
   */
  void putVerdicts(Collection<JobCompliance> verdicts) {
    if (verdicts.isEmpty()) {
      return;
    }
    List<JobCompliance> all = List.copyOf(verdicts);
    UuidArray ids = UuidArray.of(all.stream().map(v -> v.jobId().value()).toList());
    tx.writeBatched("store compliance verdicts", null, s -> {
      VerdictMapper m = s.getMapper(VerdictMapper.class);
      VerdictCounts.lock(m);
      VerdictCounts.track(m, ids, () -> {
        m.deleteVerdicts(ids);
        for (JobCompliance v : all) {
          m.insertVerdict(v.jobId().value(), v.status().name(), v.restorePoint().map(ExecutionId::value).orElse(null),
              VerdictCodec.toJson(v.results()), v.evaluatedAt());
        }
        for (JobCompliance v : all) {
          for (RuleResult r : v.results()) {
            m.insertRuleVerdict(v.jobId().value(), r.ruleId(), r.status().name());
          }
        }
      });
      return null;
    });
  }

  /** Removes the verdict of a job about to be deleted, counters included; in the caller's transaction. */
  static void deleteForJob(VerdictMapper m, UUID jobId) {
    UuidArray ids = UuidArray.of(List.of(jobId));
    VerdictCounts.lock(m);
    VerdictCounts.track(m, ids, () -> m.deleteVerdicts(ids));
  }

  Page<JobCompliance> list(Optional<ComplianceStatus> status, PageRequest request) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(request, "request");
    UUID after = request.cursor().map(Cursors::parseJob).orElse(null);
    String st = status.map(Enum::name).orElse(null);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("status", st);
    parameters.put("afterId", after);
    parameters.put("limit", request.limit() + 1);
    // read by column position: a dashboard lists a page of verdicts on every refresh
    List<JobCompliance> rows = tx.read("list stored compliance verdicts",
        s -> HandMapped.query(s, LIST_VERDICTS, parameters, JdbcVerdicts::readVerdicts));
    boolean more = rows.size() > request.limit();
    List<JobCompliance> items = more ? List.copyOf(rows.subList(0, request.limit())) : rows;
    Optional<String> next = more ? Optional.of(Cursors.job(items.get(items.size() - 1).jobId().value())) : Optional.empty();
    return new Page<>(items, next);
  }

  /** From the maintained counters: a handful of rows whatever the number of jobs. */
  long count(Optional<ComplianceStatus> status) {
    Objects.requireNonNull(status, "status");
    return counts().stream().filter(c -> c.ruleId().isEmpty())
        .filter(c -> status.isEmpty() || status.get() == c.status()).mapToLong(VerdictCount::count).sum();
  }

  List<VerdictCount> counts() {
    return tx.read("count stored compliance verdicts per rule", s -> HandMapped.query(s, COUNT_PER_RULE, Map.of(), rs -> {
      List<VerdictCount> out = new ArrayList<>();
      while (rs.next()) {
        String rule = rs.getString(1);
        out.add(new VerdictCount(rule == null || rule.isEmpty() ? Optional.empty() : Optional.of(rule),
            ComplianceStatus.valueOf(rs.getString(2)), rs.getLong(3)));
      }
      return out;
    }));
  }

  /** The rows of {@code listVerdicts} ({@code verdictColumns}, in their order). */
  private static List<JobCompliance> readVerdicts(ResultSet rs) throws SQLException {
    List<JobCompliance> out = new ArrayList<>();
    while (rs.next()) {
      UUID restorePoint = rs.getObject(4, UUID.class);
      out.add(new JobCompliance(new JobId(rs.getObject(1, UUID.class)), rs.getString(2),
          ComplianceStatus.valueOf(rs.getString(3)), VerdictCodec.fromJson(rs.getString(5)),
          restorePoint == null ? Optional.empty() : Optional.of(new ExecutionId(restorePoint)),
          HandMapped.instant(rs, 6)));
    }
    return out;
  }

  private static JobCompliance toVerdict(VerdictRow r) {
    return new JobCompliance(new JobId(r.jobId), r.jobName, ComplianceStatus.valueOf(r.status),
        VerdictCodec.fromJson(r.results), Optional.ofNullable(r.restorePoint).map(ExecutionId::new), r.evaluatedAt);
  }
}
