package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.spi.storage.OutcomeCount;
import dev.bms.spi.storage.ReportStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** {@link ReportStore}: aggregations computed by the database. */
final class JdbcReportStore implements ReportStore {
  private static final List<String> TERMINAL = Arrays.stream(ExecutionStatus.values())
      .filter(ExecutionStatus::isTerminal).map(Enum::name).toList();

  private final Transactions tx;

  JdbcReportStore(Transactions tx) {
    this.tx = tx;
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
