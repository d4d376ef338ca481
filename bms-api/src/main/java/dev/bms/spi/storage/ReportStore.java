package dev.bms.spi.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Aggregations behind reports, computed by the database.
 *
 * @since 0.1.0
 */
public interface ReportStore {

  /**
   * Terminal executions finished in {@code [from, to)}, counted per status and per bucket: bucket
   * {@code i} covers {@code [from + i * bucket, from + (i + 1) * bucket)}. One query.
   */
  List<OutcomeCount> outcomeCounts(Instant from, Instant to, Duration bucket);
}
