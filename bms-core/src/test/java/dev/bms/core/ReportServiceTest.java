package dev.bms.core;

import dev.bms.testkit.time.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import dev.bms.api.report.AlertAckReport;
import dev.bms.api.report.ComplianceReport;
import dev.bms.api.report.JobHistoryReport;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.report.ReportService;
import dev.bms.api.report.SuccessRateReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reports shaped like tables 7.1-7.3: typed figures, CSV that opens with the right header and rows,
 * and an XHTML page that an XML parser reads, with its SVG charts and figure tables.
 */
class ReportServiceTest {
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  static final String SVG = "http://www.w3.org/2000/svg";
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(START);
  BackupManager bms;
  JobId job;

  @BeforeEach
  void start() {
    bms = TestBms.builder(dir, new SimpleMeterRegistry()).plugin(new LabPlugin()).clock(clock).build();
    bms.start();
    job = bms.jobs().create(BackupJob.builder("reported-tape")
        .copy(CopySpec.target("lab", LabPlugin.lab("TAPE", "vault", true, false, true, "none")).named("tape")).build());
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  /** Week w (0-based) gets {@code ok} successes and {@code bad} failures, one per hour from its first day. */
  private void week(int w, int ok, int bad) {
    for (int i = 0; i < ok + bad; i++) {
      clock.set(START.plus(Duration.ofDays(7L * w)).plus(Duration.ofHours(i + 1)));
      ReportedRun e = bms.executions().begin(job);
      clock.set(clock.instant().plusSeconds(60));
      if (i < ok) {
        bms.executions().complete(e.id(), e.token(), List.of(CopyResult.succeeded("tape", 10, 1, Duration.ofSeconds(60), "ab".repeat(32))));
      } else {
        bms.executions().fail(e.id(), e.token(), "tape drive jammed, \"again\" <&>");
      }
    }
  }

  @Test
  void successRatePerWeekAsTypedFiguresCsvJsonAndHtml() throws Exception {
    week(0, 9, 1);
    week(1, 10, 0);
    week(2, 8, 2);
    week(3, 5, 0);
    clock.set(START.plus(Duration.ofDays(40)));

    SuccessRateReport r = bms.reports().successRate(START, START.plus(Duration.ofDays(28)), ReportBucket.WEEK, 0.95);

    assertThat(r.rows()).extracting(row -> row.label()).containsExactly("Week 1", "Week 2", "Week 3", "Week 4");
    assertThat(r.rows()).extracting(row -> row.executions()).containsExactly(10L, 10L, 10L, 5L);
    assertThat(r.rows()).extracting(row -> row.failed()).containsExactly(1L, 0L, 2L, 0L);
    assertThat(r.total().executions()).isEqualTo(35);
    assertThat(r.total().succeeded()).isEqualTo(32);
    assertThat(r.meetsTarget()).isFalse();

    String csv = bms.reports().render(r, ReportFormat.CSV);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("period,from,to,executions,succeeded,partial,failed,success_rate_percent");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).isEqualTo("Week 1,2026-01-05T00:00:00Z,2026-01-12T00:00:00Z,10,9,0,1,90.0");
    assertThat(lines.get(5)).isEqualTo("Total,2026-01-05T00:00:00Z,2026-02-02T00:00:00Z,35,32,0,3,91.4");
    assertThat(csv).contains("\r\n");

    JsonNode json = new ObjectMapper().readTree(bms.reports().render(r, ReportFormat.JSON));
    assertThat(json.get("report").asText()).isEqualTo("success-rate");
    assertThat(json.get("rows")).hasSize(4);
    assertThat(json.get("total").get("successRate").asDouble()).isCloseTo(32.0 / 35, org.assertj.core.data.Offset.offset(1e-9));

    Document html = parse(bms.reports().render(r, ReportFormat.HTML));
    Element chart = svg(html, "success-rate-chart");
    assertThat(bars(chart)).hasSize(4);
    assertThat(bars(chart).get(1).getAttribute("class")).isEqualTo("bar pass");
    assertThat(bars(chart).get(0).getAttribute("class")).isEqualTo("bar fail");
    NodeList svgLines = chart.getElementsByTagNameNS(SVG, "line");
    List<String> lineClasses = new ArrayList<>();
    for (int i = 0; i < svgLines.getLength(); i++) {
      lineClasses.add(((Element) svgLines.item(i)).getAttribute("class"));
    }
    assertThat(lineClasses).contains("target");
    List<List<String>> table = table(html, 0);
    assertThat(table.get(0)).containsExactly("Period", "Executions", "Success", "Partial", "Failed", "Success Rate");
    assertThat(table.get(1)).containsExactly("Week 1", "10", "9", "0", "1", "90.0%");
    assertThat(table.get(5)).containsExactly("Total", "35", "32", "0", "3", "91.4%");
    assertThat(html.getDocumentElement().getTextContent()).contains((CharSequence) "Target: 95.0% | Status: below target");
    assertNoExternalResources(html);
  }

  @Test
  void compliancePerRuleAndOverall() throws Exception {
    ReportedRun e = bms.executions().begin(job);
    bms.executions().complete(e.id(), e.token(), List.of(CopyResult.succeeded("tape", 10, 1, Duration.ofSeconds(1), "ab".repeat(32))));
    bms.jobs().create(BackupJob.builder("never run")
        .copy(CopySpec.target("lab", LabPlugin.lab("TAPE", "vault", true, false, true, "none")).named("t")).build());

    bms.compliance().evaluateAll();
    ComplianceReport r = bms.reports().compliance(ReportService.DEFAULT_TARGET);

    assertThat(r.rules()).extracting(row -> row.ruleId())
        .containsExactly("3-copies", "2-media", "1-offsite", "1-immutable", "0-errors", "test-custom-label");
    assertThat(r.rules().get(2)).satisfies(row -> { // the tape is offsite
      assertThat(row.passing()).isEqualTo(1);
      assertThat(row.unknown()).isEqualTo(1);
    });
    assertThat(r.overall().total()).isEqualTo(2);
    assertThat(r.overall().passing()).isZero();

    List<String> csv = bms.reports().render(r, ReportFormat.CSV).lines().toList();
    assertThat(csv.get(0)).isEqualTo("rule,label,compliant_jobs,failing_jobs,unknown_jobs,total_jobs,compliance_rate_percent");
    assertThat(csv).contains("1-offsite,1 Offsite,1,0,1,2,50.0", "overall,Overall,0,1,1,2,0.0");

    Document html = parse(bms.reports().render(r, ReportFormat.HTML));
    assertThat(bars(svg(html, "compliance-chart"))).hasSize(7);
    List<List<String>> figures = table(html, 0);
    assertThat(figures.get(0)).containsExactly("Rule", "Compliant Jobs", "Total Jobs", "Compliance Rate");
    assertThat(figures).contains(List.of("1 Offsite", "1", "2", "50.0%"), List.of("Overall", "0", "2", "0.0%"));
    assertThat(html.getDocumentElement().getTextContent()).contains((CharSequence) "reported-tape");
    assertNoExternalResources(html);
  }

  @Test
  void alertAcknowledgementTimesAgainstSla() throws Exception {
    AlertAckReport empty = bms.reports().alertAcknowledgements(START, START.plus(Duration.ofDays(30)));
    assertThat(empty.rows()).isEmpty();
    assertThat(empty.noDataReason()).contains("no alert was raised in the period");
    assertThat(bms.reports().render(empty, ReportFormat.CSV).lines().toList()).containsExactly(
        "severity,alerts,acknowledged,acknowledged_within_sla,median_ack_seconds,p95_ack_seconds,sla_seconds,within_sla");
    Document none = parse(bms.reports().render(empty, ReportFormat.HTML));
    assertThat(bars(svg(none, "ack-chart"))).isEmpty();
    assertThat(none.getDocumentElement().getTextContent()).contains((CharSequence) "No data: no alert was raised");

    week(0, 0, 1); // one failed execution raises an alert
    List<dev.bms.api.model.Alert> open = bms.alerts().open();
    assertThat(open).hasSize(1);
    clock.set(clock.instant().plus(Duration.ofMinutes(10)));
    bms.alerts().acknowledge(open.get(0).id(), "alice", "on it");

    AlertAckReport r = bms.reports().alertAcknowledgements(START, START.plus(Duration.ofDays(30)));
    assertThat(r.rows()).extracting(row -> row.severity()).containsExactly(
        dev.bms.api.model.Severity.CRITICAL, dev.bms.api.model.Severity.WARNING, dev.bms.api.model.Severity.INFO);
    dev.bms.api.report.AckRow raised = r.rows().stream().filter(row -> row.alerts() == 1).findFirst().orElseThrow();
    assertThat(raised.acknowledged()).isEqualTo(1);
    assertThat(raised.medianAck()).contains(Duration.ofMinutes(10));

    List<String> csv = bms.reports().render(r, ReportFormat.CSV).lines().toList();
    assertThat(csv).hasSize(4);
    assertThat(csv).contains(raised.severity() + ",1,1," + raised.withinSlaCount() + ",600,600,"
        + raised.sla().toSeconds() + "," + (raised.sla().compareTo(Duration.ofMinutes(10)) > 0));
    Document html = parse(bms.reports().render(r, ReportFormat.HTML));
    assertThat(bars(svg(html, "ack-chart"))).hasSize(3);
    assertThat(table(html, 0).get(0)).containsExactly("Severity", "Median Acknowledgment Time", "p95", "SLA", "Within SLA", "Status");
    assertThat(table(html, 0)).anySatisfy(row -> assertThat(row).startsWith(raised.severity().name(), "10 min"));
  }

  @Test
  void oneJobsHistory() throws Exception {
    week(0, 2, 1);
    clock.set(START.plus(Duration.ofDays(8)));
    JobHistoryReport r = bms.reports().jobHistory(job, START, START.plus(Duration.ofDays(7)));
    assertThat(r.executions()).hasSize(3);
    assertThat(r.compliance().jobId()).isEqualTo(job);

    List<String> csv = bms.reports().render(r, ReportFormat.CSV).lines().toList();
    assertThat(csv.get(0)).isEqualTo("execution_id,created_at,finished_at,status,bytes,files,duration_ms,copies_succeeded,copies,error");
    assertThat(csv).hasSize(4);
    assertThat(csv.get(1)).endsWith(",FAILED,0,0,60000,0,0,\"tape drive jammed, \"\"again\"\" <&>\"");

    Document html = parse(bms.reports().render(r, ReportFormat.HTML));
    assertThat(bars(svg(html, "history-chart"))).hasSize(3);
    assertThat(table(html, 0)).hasSize(4);
    assertThat(table(html, 0).get(1)).contains("FAILED", "tape drive jammed, \"again\" <&>");
  }

  private static Document parse(String xhtml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element svg(Document html, String id) {
    NodeList svgs = html.getElementsByTagNameNS(SVG, "svg");
    for (int i = 0; i < svgs.getLength(); i++) {
      Element e = (Element) svgs.item(i);
      if (e.getAttribute("id").equals(id)) {
        assertThat(e.getParentNode().getLocalName()).isEqualTo("figure");
        return e;
      }
    }
    throw new AssertionError("no svg#" + id);
  }

  private static List<Element> bars(Element svg) {
    List<Element> bars = new ArrayList<>();
    NodeList rects = svg.getElementsByTagNameNS(SVG, "rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.getAttribute("class").startsWith("bar")) {
        bars.add(r);
      }
    }
    return bars;
  }

  /** Rows (header first) of the n-th table.figures, as cell texts. */
  private static List<List<String>> table(Document html, int n) {
    List<Element> tables = new ArrayList<>();
    NodeList all = html.getElementsByTagNameNS(XHTML, "table");
    for (int i = 0; i < all.getLength(); i++) {
      if (((Element) all.item(i)).getAttribute("class").equals("figures")) {
        tables.add((Element) all.item(i));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    NodeList trs = tables.get(n).getElementsByTagNameNS(XHTML, "tr");
    for (int i = 0; i < trs.getLength(); i++) {
      List<String> cells = new ArrayList<>();
      NodeList cs = ((Element) trs.item(i)).getChildNodes();
      for (int c = 0; c < cs.getLength(); c++) {
        cells.add(cs.item(c).getTextContent());
      }
      rows.add(cells);
    }
    return rows;
  }

  private static void assertNoExternalResources(Document html) {
    for (String tag : List.of("script", "link", "img", "iframe")) {
      assertThat(html.getElementsByTagNameNS(XHTML, tag).getLength()).as(tag).isZero();
    }
    assertThat(html.getElementsByTagNameNS(SVG, "image").getLength()).isZero();
  }
}
