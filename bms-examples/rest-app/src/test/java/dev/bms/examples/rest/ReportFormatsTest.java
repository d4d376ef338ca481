package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.report.ReportFormat;
import org.junit.jupiter.api.Test;

/** Content negotiation of report formats and the HTML report's CSP, without a server. */
class ReportFormatsTest {

  @Test
  void acceptPicksTheBestFormatByQualityThenSpecificity() {
    assertThat(ReportFormats.negotiate("*/*")).contains(ReportFormat.JSON);
    assertThat(ReportFormats.negotiate("application/json")).contains(ReportFormat.JSON);
    assertThat(ReportFormats.negotiate("text/csv")).contains(ReportFormat.CSV);
    assertThat(ReportFormats.negotiate("TEXT/CSV; charset=utf-8")).contains(ReportFormat.CSV);
    assertThat(ReportFormats.negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        .contains(ReportFormat.HTML);
    assertThat(ReportFormats.negotiate("application/xhtml+xml")).contains(ReportFormat.HTML);
    assertThat(ReportFormats.negotiate("text/csv;q=0.9, application/json;q=0.5")).contains(ReportFormat.CSV);
    assertThat(ReportFormats.negotiate("text/*;q=0.3, */*;q=0.2")).contains(ReportFormat.HTML);
    // The most specific range decides: JSON refused outright although */* allows everything.
    assertThat(ReportFormats.negotiate("application/json;q=0, */*")).contains(ReportFormat.HTML);
    assertThat(ReportFormats.negotiate("application/xml")).isEmpty();
    assertThat(ReportFormats.negotiate("*/*;q=0")).isEmpty();
    assertThat(ReportFormats.negotiate("text/csv;q=abc")).isEmpty();
    assertThat(ReportFormats.negotiate("garbage, text/csv")).contains(ReportFormat.CSV);
  }

  @Test
  void theReportCspAllowsOnlyThePagesOwnStyleSheets() {
    String csp = ReportCsp.forPage("<html><head><style>body{color:red}</style></head><body><svg/></body></html>");
    // echo -n 'body{color:red}' | openssl dgst -sha256 -binary | base64
    assertThat(csp).isEqualTo("default-src 'none'; style-src 'sha256-FcQqt3aNlV7AZnGV4zkQRVeCeJOxbMPnQSx258L803E='; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox");
    assertThat(ReportCsp.forPage("<html><body>no style</body></html>")).contains("style-src 'none'").doesNotContain("unsafe");
  }
}
