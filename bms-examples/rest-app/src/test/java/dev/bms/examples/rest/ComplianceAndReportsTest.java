package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code GET /api/compliance} and {@code GET /api/reports/{kind}} over real HTTP against the seeded
 * app: bms's verdicts per job and per digit, each report kind in JSON, CSV and HTML (by parameter and
 * by Accept), the HTML report's own CSP, and bad parameters named. Other tests of the run create and
 * run jobs on the same server, so counts are checked for consistency, not fixed totals.
 */
@ExtendWith(TestServerExtension.class)
class ComplianceAndReportsTest {
  private static final List<String> DIGITS = List.of("3-copies", "2-media", "1-offsite", "1-immutable", "0-errors");
  private static TestServer app;

  @BeforeAll
  static void start(TestServer server) {
    app = server;
  }

  @Test
  void complianceJudgesEveryJobAndCountsEachDigit() {
    JsonNode body = json(ok(app.get("/api/compliance", TestServer.VIEWER), "application/json"));
    int jobs = body.get("jobs").asInt();
    assertThat(jobs).isGreaterThanOrEqualTo(SampleData.JOB_NAMES.size()).isEqualTo(body.get("results").size());

    List<String> rules = new ArrayList<>();
    Set<List<Integer>> distinctCounts = new HashSet<>();
    for (JsonNode d : body.get("digits")) {
      rules.add(d.get("rule").asText());
      int pass = d.get("pass").asInt();
      int fail = d.get("fail").asInt();
      int unknown = d.get("unknown").asInt();
      assertThat(pass + fail + unknown).as(d.toString()).isEqualTo(jobs);
      distinctCounts.add(List.of(pass, fail, unknown));
    }
    assertThat(rules).containsExactlyElementsOf(DIGITS);
    // The seeded estate is varied on purpose: the digits do not all count the same.
    assertThat(distinctCounts).hasSizeGreaterThanOrEqualTo(3);

    Map<String, JsonNode> byName = new HashMap<>();
    body.get("results").forEach(j -> byName.put(j.get("jobName").asText(), j));
    int compliant = 0;
    for (JsonNode j : body.get("results")) {
      compliant += j.get("status").asText().equals("PASS") ? 1 : 0;
    }
    assertThat(body.get("compliant").asInt()).isEqualTo(compliant).isPositive().isLessThan(jobs);

    // payroll-files: three copies on two media in two failure domains, offsite and locked, verified.
    JsonNode payroll = byName.get("payroll-files");
    assertThat(payroll.get("status").asText()).as(payroll.toString()).isEqualTo("PASS");
    assertThat(payroll.has("restorePoint")).isTrue();
    JsonNode immutable = rule(payroll, "1-immutable");
    assertThat(immutable.get("countedCopies")).extracting(JsonNode::asText).containsExactly("offsite");
    assertThat(immutable.get("reason").asText()).contains("lock read back");
    assertThat(rule(payroll, "3-copies").get("countedCopies")).hasSize(3);

    // wiki: one local copy.
    JsonNode wiki = byName.get("wiki");
    assertThat(wiki.get("status").asText()).isEqualTo("FAIL");
    assertThat(rule(wiki, "3-copies").get("status").asText()).isEqualTo("FAIL");
    assertThat(rule(wiki, "1-offsite").get("status").asText()).isEqualTo("FAIL");
    assertThat(rule(wiki, "0-errors").get("status").asText()).isEqualTo("PASS");

    // crm-exports: two copies, one of them offsite, none locked.
    JsonNode crm = byName.get("crm-exports");
    assertThat(rule(crm, "2-media").get("status").asText()).isEqualTo("PASS");
    assertThat(rule(crm, "1-offsite").get("status").asText()).isEqualTo("PASS");
    assertThat(rule(crm, "1-immutable").get("status").asText()).isEqualTo("FAIL");

    // Reported backups are never verified by bms; a job that never ran has no facts.
    assertThat(rule(byName.get("postgres-main"), "0-errors").get("status").asText()).isEqualTo("UNKNOWN");
    assertThat(byName.get("legacy-ftp").get("status").asText()).isEqualTo("UNKNOWN");
    assertThat(byName.get("legacy-ftp").has("restorePoint")).isFalse();
  }

  @Test
  void successRatePerDayAndPerWeekInEachFormat() {
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    Instant from = to.minus(14, ChronoUnit.DAYS);
    String period = "from=" + enc(from.toString()) + "&to=" + enc(to.toString());

    JsonNode daily = json(ok(app.get("/api/reports/success-rate?" + period, TestServer.VIEWER), "application/json"));
    assertThat(daily.get("report").asText()).isEqualTo("success-rate");
    assertThat(daily.get("bucket").asText()).isEqualTo("DAY");
    assertThat(daily.get("rows")).hasSize(14);
    assertThat(daily.get("rows").get(0).get("period").asText()).isEqualTo("Day 1");
    long executions = daily.get("total").get("executions").asLong();
    assertThat(executions).isGreaterThan(30); // a week of seeded history
    assertThat(daily.get("total").get("failed").asLong()).isPositive(); // the ERP dumps, for one
    double rate = daily.get("total").get("successRate").asDouble();
    assertThat(rate).isStrictlyBetween(0.0, 1.0);
    assertThat(daily.get("target").asDouble()).isEqualTo(0.95);

    JsonNode weekly = json(ok(app.get("/api/reports/success-rate?period=week&target=0.5&" + period, TestServer.VIEWER),
        "application/json"));
    assertThat(weekly.get("bucket").asText()).isEqualTo("WEEK");
    assertThat(weekly.get("rows")).extracting(r -> r.get("period").asText()).containsExactly("Week 1", "Week 2");
    assertThat(weekly.get("total").get("executions").asLong()).isGreaterThanOrEqualTo(executions);
    assertThat(weekly.get("target").asDouble()).isEqualTo(0.5);

    // CSV by parameter, and by Accept.
    for (HttpResponse<String> csv : List.of(
        app.get("/api/reports/success-rate?format=csv&period=week&" + period, TestServer.VIEWER),
        app.send(request("/api/reports/success-rate?period=week&" + period).header("Accept", "text/csv")))) {
      ok(csv, "text/csv");
      assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"success-rate.csv\"");
      String[] lines = csv.body().split("\r\n");
      assertThat(lines[0]).isEqualTo("period,from,to,executions,succeeded,partial,failed,success_rate_percent");
      assertThat(lines).hasSize(4); // header, two weeks, total
      assertThat(lines[3]).startsWith("Total,");
    }

    // HTML by parameter; the format parameter wins over Accept.
    HttpResponse<String> html = app.send(request("/api/reports/success-rate?format=html&" + period)
        .header("Accept", "application/json"));
    Document page = htmlReport(html);
    assertThat(bars(page)).isEqualTo(14);
  }

  @Test
  void successRateByCalendarDayFromTheRollups() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    JsonNode defaults = json(ok(app.get("/api/reports/success-rate", TestServer.VIEWER), "application/json"));
    assertThat(defaults.get("rows")).hasSize(30);
    assertThat(defaults.get("rows").get(29).get("period").asText()).isEqualTo(today.toString());
    assertThat(defaults.get("rows").get(0).get("period").asText()).isEqualTo(today.minusDays(29).toString());

    String days = "from=" + today.minusDays(6) + "&to=" + today;
    JsonNode week = json(ok(app.get("/api/reports/success-rate?" + days, TestServer.VIEWER), "application/json"));
    assertThat(week.get("rows")).hasSize(7);
    assertThat(week.get("total").get("executions").asLong()).isGreaterThan(30); // a week of seeded history
    JsonNode berlin = json(ok(app.get("/api/reports/success-rate?zone=Europe/Berlin&period=week&" + days,
        TestServer.VIEWER), "application/json"));
    assertThat(berlin.get("rows")).hasSize(1);

    RestApiTest.assertField(app.get("/api/reports/success-rate?zone=Mars/Olympus", TestServer.VIEWER), 400, "zone");
    RestApiTest.assertField(app.get("/api/reports/success-rate?from=" + today + "&to=" + today.minusDays(1),
        TestServer.VIEWER), 400, "from");
    RestApiTest.assertField(app.get("/api/reports/success-rate?from=" + today.minusDays(400), TestServer.VIEWER), 400,
        "from");
  }

  @Test
  void complianceSummaryHasTheListsCountsWithoutItsVerdicts() throws Exception {
    JsonNode list = json(ok(app.get("/api/compliance", TestServer.VIEWER), "application/json"));
    JsonNode summary = json(ok(app.get("/api/compliance/summary", TestServer.VIEWER), "application/json"));
    assertThat(summary.get("jobs")).isEqualTo(list.get("jobs"));
    assertThat(summary.get("compliant")).isEqualTo(list.get("compliant"));
    assertThat(summary.get("digits")).isEqualTo(list.get("digits"));
    assertThat(summary.has("results")).isFalse();
    SecurityTest.assertError(app.get("/api/compliance/summary", null), 401, "unauthenticated");
  }

  @Test
  void complianceReportInEachFormat() {
    JsonNode report = json(ok(app.get("/api/reports/compliance", TestServer.VIEWER), "application/json"));
    assertThat(report.get("report").asText()).isEqualTo("compliance");
    assertThat(report.get("rules")).extracting(r -> r.get("rule").asText()).containsExactlyElementsOf(DIGITS);
    long total = report.get("overall").get("totalJobs").asLong();
    assertThat(total).isGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(report.get("jobs")).hasSize((int) total);
    assertThat(report.get("overall").get("compliantJobs").asLong()).isPositive().isLessThan(total);

    String csv = ok(app.get("/api/reports/compliance?format=csv&target=0.8", TestServer.VIEWER), "text/csv").body();
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo("rule,label,compliant_jobs,failing_jobs,unknown_jobs,total_jobs,compliance_rate_percent");
    assertThat(lines).hasSize(DIGITS.size() + 2);
    assertThat(lines[lines.length - 1]).startsWith("overall,");

    // A browser's Accept gets the HTML page: one bar per rule and one for overall.
    HttpResponse<String> html = app.send(request("/api/reports/compliance")
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    assertThat(bars(htmlReport(html))).isGreaterThanOrEqualTo(DIGITS.size());
  }

  @Test
  void alertAcknowledgementAndJobHistoryReports() {
    JsonNode acks = json(ok(app.get("/api/reports/alert-acknowledgement", TestServer.VIEWER), "application/json"));
    assertThat(acks.get("report").asText()).isEqualTo("alert-acknowledgement");
    long raised = 0;
    for (JsonNode row : acks.get("rows")) {
      raised += row.get("alerts").asLong();
      assertThat(row.get("severity").asText()).isIn("CRITICAL", "WARNING", "INFO");
      assertThat(row.get("sla").asText()).startsWith("PT");
    }
    assertThat(raised).as("alerts raised from the seeded history").isPositive();
    String csv = ok(app.get("/api/reports/alert-acknowledgement?format=csv", TestServer.VIEWER), "text/csv").body();
    assertThat(csv).startsWith("severity,alerts,acknowledged,acknowledged_within_sla,median_ack_seconds,p95_ack_seconds,"
        + "sla_seconds,within_sla\r\n");
    htmlReport(app.get("/api/reports/alert-acknowledgement?format=html", TestServer.VIEWER));

    String erp = jobId("erp-database");
    JsonNode history = json(ok(app.get("/api/reports/job-history?jobId=" + erp, TestServer.VIEWER), "application/json"));
    assertThat(history.get("job").asText()).isEqualTo("erp-database");
    assertThat(history.get("executions").size()).isGreaterThanOrEqualTo(7);
    assertThat(history.get("executions").get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(history.get("executions").get(0).get("error").asText()).contains("Connection refused");
    String historyCsv = ok(app.get("/api/reports/job-history?format=csv&jobId=" + erp, TestServer.VIEWER), "text/csv").body();
    assertThat(historyCsv).startsWith("execution_id,created_at,finished_at,status,bytes,files,duration_ms,copies_succeeded,copies,error\r\n");
    assertThat(bars(htmlReport(app.get("/api/reports/job-history?format=html&jobId=" + jobId("payroll-files"), TestServer.VIEWER))))
        .isGreaterThanOrEqualTo(7);

    RestApiTest.assertField(app.get("/api/reports/job-history", TestServer.VIEWER), 400, "jobId");
    RestApiTest.assertField(app.get("/api/reports/job-history?jobId=42", TestServer.VIEWER), 400, "jobId");
    HttpResponse<String> unknown = app.get("/api/reports/job-history?jobId=" + UUID.randomUUID(), TestServer.VIEWER);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void badKindFormatPeriodAndRangeNameTheirParameter() {
    RestApiTest.assertField(app.get("/api/reports/uptime", TestServer.VIEWER), 400, "kind");
    RestApiTest.assertField(app.get("/api/reports/success-rate?format=pdf", TestServer.VIEWER), 400, "format");
    RestApiTest.assertField(app.get("/api/reports/success-rate?period=month", TestServer.VIEWER), 400, "period");
    RestApiTest.assertField(app.get("/api/reports/success-rate?from=last-tuesday", TestServer.VIEWER), 400, "from");
    RestApiTest.assertField(app.get("/api/reports/success-rate?to=soon", TestServer.VIEWER), 400, "to");
    RestApiTest.assertField(app.get("/api/reports/success-rate?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        TestServer.VIEWER), 400, "from");
    RestApiTest.assertField(app.get("/api/reports/success-rate?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        TestServer.VIEWER), 400, "from");
    RestApiTest.assertField(app.get("/api/reports/compliance?target=1.5", TestServer.VIEWER), 400, "target");
    RestApiTest.assertField(app.get("/api/reports/compliance?target=most", TestServer.VIEWER), 400, "target");

    HttpResponse<String> xml = app.send(request("/api/reports/compliance").header("Accept", "application/xml"));
    RestApiTest.assertField(xml, 406, "Accept");
    // A format the client refuses by quality 0 is not chosen either.
    HttpResponse<String> noJson = app.send(request("/api/reports/compliance").header("Accept", "application/json;q=0, text/*"));
    ok(noJson, "text/html");
  }

  @Test
  void viewersMayReadReportsButNeedCredentials() throws Exception {
    for (String key : List.of(TestServer.VIEWER, TestServer.OPERATOR, TestServer.ADMIN, TestServer.AUDITOR)) {
      ok(app.get("/api/compliance", key), "application/json");
      ok(app.get("/api/reports/compliance?format=html", key), "text/html");
    }
    SecurityTest.assertError(app.get("/api/reports/compliance?format=html", null), 401, "unauthenticated");
    SecurityTest.assertError(app.get("/api/compliance", "not-a-key-0123456789abcdef"), 401, "invalid_credentials");
  }

  // --- helpers

  private static JsonNode rule(JsonNode job, String id) {
    for (JsonNode r : job.get("results")) {
      if (r.get("rule").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id + " in " + job);
  }

  private static String jobId(String name) {
    JsonNode page = json(ok(app.get("/api/jobs?name=" + name + "&limit=1", TestServer.VIEWER), "application/json"));
    return page.get("items").get(0).get("job").get("id").asText();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(app.uri(path)).header("X-API-Key", TestServer.VIEWER).GET();
  }

  private static HttpResponse<String> ok(HttpResponse<String> r, String contentType) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).as(r.uri().toString())
        .hasValueSatisfying(v -> assertThat(v).startsWith(contentType));
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  /**
   * Checks an HTML report response: well-formed XHTML, no script, every security header but the CSP
   * as on every response, and a CSP that allows nothing but this page's own style sheet by hash.
   */
  private static Document htmlReport(HttpResponse<String> r) {
    ok(r, "text/html");
    Document page;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      page = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XHTML: " + r.body(), e);
    }
    assertThat(page.getElementsByTagNameNS("*", "script").getLength()).isZero();
    TestServer.SECURITY_HEADERS.forEach((name, value) -> {
      if (!name.equals("Content-Security-Policy")) {
        assertThat(r.headers().firstValue(name)).as(name).hasValue(value);
      }
    });
    NodeList styles = page.getElementsByTagNameNS("*", "style");
    assertThat(styles.getLength()).isEqualTo(1);
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp.split("; ")).containsExactlyInAnyOrder("default-src 'none'",
        "style-src 'sha256-" + sha256(styles.item(0).getTextContent()) + "'",
        "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "sandbox");
    return page;
  }

  /** The {@code rect.bar}s of the page's SVG charts. */
  private static int bars(Document page) {
    NodeList rects = page.getElementsByTagNameNS("*", "rect");
    int n = 0;
    for (int i = 0; i < rects.getLength(); i++) {
      if (List.of(((Element) rects.item(i)).getAttribute("class").split(" ")).contains("bar")) {
        n++;
      }
    }
    return n;
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
