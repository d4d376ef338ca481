package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Severity;
import dev.bms.spi.storage.LastStatusCounts;
import dev.bms.spi.storage.OutcomeCount;
import dev.bms.spi.storage.ReportStore;
import dev.bms.spi.storage.Rollup;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link ReportStore}: aggregations computed by the database. */
final class JdbcReportStore implements ReportStore {
  private static final List<String> TERMINAL = Arrays.stream(ExecutionStatus.values())
      .filter(ExecutionStatus::isTerminal).map(Enum::name).toList();

  private final Transactions tx;
  private final JdbcRollups rollups;

  JdbcReportStore(Transactions tx) {
    this.tx = tx;
    this.rollups = new JdbcRollups(tx);
  }

  @Override
  public void refreshRollups(Map<JobId, Set<Long>> slots) {
    rollups.refresh(slots);
  }

  @Override
  public long rebuildRollups() {
    return rollups.rebuild();
  }

  @Override
  public List<Rollup> rollupTotals(Instant from, Instant to) {
    requireRange(from, to);
    return rollups.totals(from, to);
  }

  @Override
  public List<Rollup> rollupTotals(List<Instant> boundaries) {
    Objects.requireNonNull(boundaries, "boundaries");
    return rollups.totals(boundaries);
  }

  @Override
  public List<Rollup> jobRollups(JobId jobId, Instant from, Instant to) {
    Objects.requireNonNull(jobId, "jobId");
    requireRange(from, to);
    return rollups.forJob(jobId, from, to);
  }

  @Override
  public LastStatusCounts jobsByLastStatus() {
    return rollups.lastStatus();
  }

  @Override
  public Map<Severity, Long> firingAlertsBySeverity() {
    return rollups.firingAlerts();
  }

  private static void requireRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new InvalidRequestException("from: " + from + " must be before to: " + to);
    }
  }

  @Override
  public List<OutcomeCount> outcomeCounts(Instant from, Instant to, Duration bucket) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(bucket, "bucket");
    if (!from.isBefore(to)) {
      throw new InvalidRequestException("from: " + from + " must be before to: " + to);
    }
    if (bucket.getSeconds() < 1) {
      throw new InvalidRequestException("bucket: " + bucket + " must be at least one second");
    }
    long bucketMicros = bucket.toNanos() / 1000;
    return tx.read("count outcomes", s -> s.getMapper(ReportMapper.class)
        .selectOutcomeCounts(from, to, ComplianceRows.epochSeconds(from), bucketMicros, TERMINAL).stream()
        .map(r -> new OutcomeCount(r.bucket, ExecutionStatus.valueOf(r.status), r.count)).toList());
  }
}
