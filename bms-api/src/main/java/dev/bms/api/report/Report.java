package dev.bms.api.report;

import java.time.Instant;

/**
 * A report bms can render.
 *
 * @since 0.1.0
 */
public sealed interface Report permits SuccessRateReport, ComplianceReport, AlertAckReport, JobHistoryReport {

  /** The report's title. */
  String title();

  /** When it was generated. */
  Instant generatedAt();
}
