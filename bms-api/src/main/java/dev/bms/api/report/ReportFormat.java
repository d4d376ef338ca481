package dev.bms.api.report;

/**
 * Output formats of {@link ReportService#render}.
 *
 * @since 0.1.0
 */
public enum ReportFormat {
  /** A JSON object; instants and durations as ISO-8601 strings, rates as fractions. */
  JSON,
  /** RFC 4180 CSV with a header row; the report's main table. */
  CSV,
  /** One self-contained XHTML page with inline CSS and SVG charts. */
  HTML
}
