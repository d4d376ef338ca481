package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint over real HTTP against the seeded app: the happy paths and bad input. */
@ExtendWith(TestServerExtension.class)
class RestApiTest {
  private static TestServer app;

  @BeforeAll
  static void start(TestServer server) {
    app = server;
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return json(response);
  }

  private static String jobId(String name) {
    JsonNode page = ok(app.get("/api/jobs?name=" + name + "&limit=1", TestServer.VIEWER));
    assertThat(page.get("items")).hasSize(1);
    return page.get("items").get(0).get("job").get("id").asText();
  }

  @Test
  void jobsArePagedWithTheKeysetCursorUntilTheLastPage() {
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = ok(app.get("/api/jobs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), TestServer.VIEWER));
      assertThat(page.get("items").size()).isBetween(1, 3);
      page.get("items").forEach(o -> names.add(o.get("job").get("name").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(names).doesNotHaveDuplicates().containsAll(SampleData.JOB_NAMES);
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void jobsCarryTheirLastExecutionAndLastSuccess() {
    JsonNode page = ok(app.get("/api/jobs?name=payroll-files", TestServer.VIEWER));
    JsonNode overview = page.get("items").get(0);
    assertThat(overview.get("job").get("copies")).hasSize(3);
    assertThat(overview.get("lastExecution").get("status").asText()).isIn("SUCCEEDED", "PARTIAL");
    assertThat(overview.get("lastExecution").get("copies")).hasSize(3);
    assertThat(Instant.parse(overview.get("lastSuccessAt").asText())).isBefore(Instant.now());
    JsonNode neverRun = ok(app.get("/api/jobs?name=legacy-ftp", TestServer.VIEWER)).get("items").get(0);
    assertThat(neverRun.has("lastExecution")).isFalse();
  }

  @Test
  void jobsAreFilteredByLabelAndStatus() {
    Set<String> it = new HashSet<>();
    ok(app.get("/api/jobs?label=team:it", TestServer.VIEWER)).get("items").forEach(o -> it.add(o.get("job").get("name").asText()));
    assertThat(it).containsExactlyInAnyOrder("wiki", "mail-archive", "laptop-fleet");

    Set<String> itGold = new HashSet<>();
    ok(app.get("/api/jobs?label=team:platform&label=tier:gold", TestServer.VIEWER)).get("items")
        .forEach(o -> itGold.add(o.get("job").get("name").asText()));
    assertThat(itGold).containsExactly("postgres-main");

    JsonNode disabled = ok(app.get("/api/jobs?status=disabled", TestServer.VIEWER));
    assertThat(disabled.get("items")).hasSize(1);
    assertThat(disabled.get("items").get(0).get("job").get("name").asText()).isEqualTo("laptop-fleet");
    JsonNode enabled = ok(app.get("/api/jobs?status=enabled&limit=500", TestServer.VIEWER));
    enabled.get("items").forEach(o -> assertThat(o.get("job").get("enabled").asBoolean()).isTrue());

    assertField(app.get("/api/jobs?status=sleeping", TestServer.VIEWER), 400, "status");
    assertField(app.get("/api/jobs?label=nocolon", TestServer.VIEWER), 400, "label");
    assertField(app.get("/api/jobs?limit=0", TestServer.VIEWER), 400, "limit");
    assertField(app.get("/api/jobs?limit=501", TestServer.VIEWER), 400, "limit");
    assertField(app.get("/api/jobs?cursor=not-a-cursor", TestServer.VIEWER), 400, "cursor");
  }

  @Test
  void oneJobWithItsRecentExecutions() {
    String id = jobId("crm-exports");
    JsonNode detail = ok(app.get("/api/jobs/" + id, TestServer.VIEWER));
    assertThat(detail.get("job").get("name").asText()).isEqualTo("crm-exports");
    assertThat(detail.get("recentExecutions").size()).isBetween(7, 10);
    detail.get("recentExecutions").forEach(e -> assertThat(e.get("jobId").asText()).isEqualTo(id));

    assertField(app.get("/api/jobs/not-a-uuid", TestServer.VIEWER), 400, "id");
    HttpResponse<String> missing = app.get("/api/jobs/" + UUID.randomUUID(), TestServer.VIEWER);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void createsAJobAndRefusesADuplicateName() throws Exception {
    String root = app.dataDir.resolve("targets/nas").toString();
    String body = """
        {"name": "api-created", "description": "made over HTTP", "labels": {"team": "qa"},
         "source": {"type": "directory", "config": {"path": "%s"}},
         "schedule": {"cron": "15 4 * * *", "zone": "Europe/Berlin"},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}],
         "retention": {"daily": 7, "weekly": 4}, "rpo": "PT26H"}
        """.formatted(app.dataDir.resolve("samples/wiki"), root);
    HttpResponse<String> created = app.post("/api/jobs", TestServer.ADMIN, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = json(created);
    assertThat(job.get("name").asText()).isEqualTo("api-created");
    assertThat(job.get("schedule").get("cron").asText()).isEqualTo("15 4 * * *");
    assertThat(job.get("rpo").asText()).isEqualTo("PT26H");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/jobs/" + job.get("id").asText());
    assertThat(ok(app.get("/api/jobs/" + job.get("id").asText(), TestServer.VIEWER)).get("job").get("labels").get("team").asText())
        .isEqualTo("qa");

    HttpResponse<String> again = app.post("/api/jobs", TestServer.ADMIN, body);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").get("code").asText()).isEqualTo("conflict");

    // Run it now, as an operator: a real copy of the sample directory.
    HttpResponse<String> run = app.post("/api/jobs/" + job.get("id").asText() + "/run", TestServer.OPERATOR, null);
    JsonNode execution = ok(run);
    assertThat(execution.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(execution.get("files").asLong()).isEqualTo(2);
    assertThat(execution.get("copies").get(0).get("manifestDigest").asText()).hasSize(64);
  }

  @Test
  void badJobDefinitionsNameEachField() {
    String root = app.dataDir.resolve("targets/nas").toString();
    JsonNode structural = assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"\", \"copies\": [{\"targetType\": \"filesystem\", \"config\": {\"root\": \"" + root + "\"}}], \"rpo\": \"soon\"}"), 400);
    assertThat(structural.get("error").get("code").asText()).isEqualTo("invalid_job");
    assertThat(fields(structural)).contains("name", "rpo");

    JsonNode plugin = assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"bad-root\", \"copies\": [{\"name\": \"a\", \"targetType\": \"filesystem\", \"config\": {\"root\": \"" + root + "/no/such/dir\"}},"
            + " {\"name\": \"b\", \"targetType\": \"filesystem\", \"config\": {\"root\": \"" + root + "\", \"rooot\": \"typo\"}}]}"), 400);
    assertThat(fields(plugin)).contains("copies[0].config.root", "copies[1].config.rooot");

    JsonNode unknownTarget = assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"tape\", \"copies\": [{\"name\": \"t\", \"targetType\": \"tape-robot\"}]}"), 400);
    assertThat(unknownTarget.get("error").get("code").asText()).isEqualTo("unknown_plugin");
    assertThat(fields(unknownTarget)).containsExactly("copies[0].targetType");

    JsonNode unknownSource = assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"src\", \"source\": {\"type\": \"mainframe\"}, \"copies\": [{\"targetType\": \"filesystem\", \"config\": {\"root\": \"" + root + "\"}}]}"), 400);
    assertThat(fields(unknownSource)).containsExactly("source.type");

    assertThat(fields(assertStatus(app.post("/api/jobs", TestServer.ADMIN, "{\"name\": \"x\", \"colour\": \"red\", \"copies\": []}"), 400)))
        .containsExactly("colour");
    assertThat(fields(assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"x\", \"copies\": [{\"targetType\": \"filesystem\", \"offsite\": \"maybe\"}]}"), 400)))
        .containsExactly("copies[0].offsite");
    assertThat(fields(assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"x\", \"schedule\": {\"cron\": \"0 2 * * *\", \"zone\": \"Mars/Olympus\"}, \"copies\": [{\"targetType\": \"filesystem\"}]}"), 400)))
        .contains("schedule.zone");
    assertThat(fields(assertStatus(app.post("/api/jobs", TestServer.ADMIN,
        "{\"name\": \"x\", \"schedule\": {\"cron\": \"every tuesday\"}, \"copies\": [{\"targetType\": \"filesystem\", \"config\": {\"root\": \"" + root + "\"}}]}"), 400)))
        .contains("schedule.expression");
    assertThat(fields(assertStatus(app.post("/api/jobs", TestServer.ADMIN, "{\"name\": \"x\"}"), 400))).containsExactly("copies");

    JsonNode malformed = assertStatus(app.post("/api/jobs", TestServer.ADMIN, "{\"name\": "), 400);
    assertThat(malformed.get("error").get("code").asText()).isEqualTo("malformed_json");

    HttpResponse<String> notJson = app.send(HttpRequest.newBuilder(app.uri("/api/jobs"))
        .header("X-API-Key", TestServer.ADMIN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("name=x")));
    assertThat(notJson.statusCode()).isEqualTo(415);

    // Nothing of the rejected definitions was written.
    assertThat(ok(app.get("/api/jobs?name=bad-root", TestServer.VIEWER)).get("items")).isEmpty();
  }

  @Test
  void runsAManagedJobNowAndRefusesAReportedOne() {
    JsonNode execution = ok(app.post("/api/jobs/" + jobId("wiki") + "/run", TestServer.OPERATOR, null));
    assertThat(execution.get("mode").asText()).isEqualTo("MANAGED");
    assertThat(execution.get("trigger").asText()).isEqualTo("MANUAL");
    assertThat(execution.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(execution.get("bytes").asLong()).isPositive();

    HttpResponse<String> reported = app.post("/api/jobs/" + jobId("postgres-main") + "/run", TestServer.OPERATOR, null);
    assertThat(reported.statusCode()).isEqualTo(400);
    assertThat(app.post("/api/jobs/" + UUID.randomUUID() + "/run", TestServer.OPERATOR, null).statusCode()).isEqualTo(404);
  }

  @Test
  void executionsArePagedNewestFirstWithoutOverlap() {
    List<String> ids = new ArrayList<>();
    List<Instant> created = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = ok(app.get("/api/executions?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), TestServer.VIEWER));
      page.get("items").forEach(e -> {
        ids.add(e.get("id").asText());
        created.add(Instant.parse(e.get("createdAt").asText()));
      });
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(40);
    assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    JsonNode failed = ok(app.get("/api/executions?status=FAILED,partial&limit=500", TestServer.VIEWER));
    assertThat(failed.get("items")).isNotEmpty();
    failed.get("items").forEach(e -> assertThat(e.get("status").asText()).isIn("FAILED", "PARTIAL"));

    String erp = jobId("erp-database");
    JsonNode erpRuns = ok(app.get("/api/executions?jobId=" + erp + "&limit=3", TestServer.VIEWER));
    assertThat(erpRuns.get("items")).hasSize(3);
    erpRuns.get("items").forEach(e -> {
      assertThat(e.get("jobId").asText()).isEqualTo(erp);
      assertThat(e.get("status").asText()).isEqualTo("FAILED"); // the seeded ERP dumps failed for three days
      assertThat(e.get("error").asText()).contains("Connection refused");
    });

    Instant from = Instant.now().minus(java.time.Duration.ofDays(2));
    JsonNode recent = ok(app.get("/api/executions?limit=500&from=" + enc(from.toString()), TestServer.VIEWER));
    recent.get("items").forEach(e -> assertThat(Instant.parse(e.get("createdAt").asText())).isAfterOrEqualTo(from));

    assertField(app.get("/api/executions?status=EXPLODED", TestServer.VIEWER), 400, "status");
    assertField(app.get("/api/executions?from=yesterday", TestServer.VIEWER), 400, "from");
    assertField(app.get("/api/executions?jobId=42", TestServer.VIEWER), 400, "jobId");
  }

  @Test
  void statsCountJobsByLastStatusAndSuccessPerDay() {
    JsonNode stats = ok(app.get("/api/stats?days=7", TestServer.VIEWER));
    assertThat(stats.get("jobs").asInt()).isGreaterThanOrEqualTo(8);
    assertThat(stats.get("jobsByLastStatus").get("FAILED").asInt()).isGreaterThanOrEqualTo(1); // erp-database
    assertThat(stats.get("jobsByLastStatus").get("NEVER_RUN").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(stats.get("successByDay")).hasSize(7);
    long finished = 0;
    for (JsonNode day : stats.get("successByDay")) {
      finished += day.get("finished").asLong();
      if (day.get("finished").asLong() > 0) {
        assertThat(day.get("successRate").asDouble()).isBetween(0.0, 100.0);
      }
    }
    assertThat(finished).isGreaterThan(30);
    assertField(app.get("/api/stats?days=365", TestServer.VIEWER), 400, "days");
  }

  @Test
  void metricsArePrometheusTextWithBmsAndHttpMeters() {
    app.get("/api/jobs", TestServer.VIEWER);
    HttpResponse<String> metrics = app.get("/metrics", TestServer.VIEWER);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("# TYPE bms_executions_total counter")
        .contains("bms_backup_bytes_total{target=\"filesystem\"")
        .doesNotContain("job=\"payroll-files\"") // no job tags by default: the scrape does not grow with jobs
        .contains("bms_execution_duration_seconds_bucket{status=\"SUCCEEDED\",le=\"3600.0\"}")
        .contains("bms_executions_queued ", "bms_scheduler_lag_seconds ", "bms_jobs_rpo_breached ")
        .contains("bms_alerts_open{severity=\"CRITICAL\"}", "bms_compliance_jobs{rule=\"overall\",status=\"PASS\"}")
        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/jobs\",status=\"200\"}")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void healthReportsStorage() {
    JsonNode health = ok(app.get("/health", TestServer.VIEWER));
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("checks").get("storage").get("status").asText()).isEqualTo("UP");
    assertThat(health.get("checks").has("redis")).isFalse();
  }

  @Test
  void alertsRaisedFromTheSeededHistoryCanBeAcknowledged() {
    JsonNode open = ok(app.get("/api/alerts?limit=100", TestServer.VIEWER));
    List<JsonNode> firing = new ArrayList<>();
    open.get("items").forEach(a -> {
      assertThat(a.get("state").asText()).isIn("FIRING", "ACKNOWLEDGED");
      if (a.get("state").asText().equals("FIRING")) {
        firing.add(a);
      }
    });
    // The ERP dumps failed for the last three days of the seeded history.
    assertThat(open.get("items")).anySatisfy(a -> {
      assertThat(a.get("jobName").asText()).isEqualTo("erp-database");
      assertThat(a.get("rule").asText()).isEqualTo("consecutive-failures");
      assertThat(a.get("severity").asText()).isEqualTo("CRITICAL");
    });
    assertThat(firing).isNotEmpty();

    JsonNode critical = ok(app.get("/api/alerts?severity=critical&state=FIRING,ACKNOWLEDGED,RESOLVED&limit=500", TestServer.VIEWER));
    critical.get("items").forEach(a -> assertThat(a.get("severity").asText()).isEqualTo("CRITICAL"));
    JsonNode resolved = ok(app.get("/api/alerts?state=RESOLVED&limit=500", TestServer.VIEWER));
    assertThat(resolved.get("items")).isNotEmpty(); // e.g. the wiki's failed days, each fixed by the next run
    resolved.get("items").forEach(a -> assertThat(a.has("resolvedAt")).isTrue());

    String id = firing.get(0).get("id").asText();
    JsonNode acked = ok(app.post("/api/alerts/" + id + "/ack", TestServer.OPERATOR, "{\"note\": \"looking into it\"}"));
    assertThat(acked.get("state").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("operator");
    assertThat(acked.get("ackNote").asText()).isEqualTo("looking into it");
    assertThat(ok(app.get("/api/alerts?state=ACKNOWLEDGED&limit=500", TestServer.VIEWER)).get("items"))
        .anySatisfy(a -> assertThat(a.get("id").asText()).isEqualTo(id));

    assertThat(app.post("/api/alerts/" + UUID.randomUUID() + "/ack", TestServer.OPERATOR, null).statusCode()).isEqualTo(404);
    assertField(app.post("/api/alerts/nope/ack", TestServer.OPERATOR, null), 400, "id");
    assertField(app.post("/api/alerts/" + id + "/ack", TestServer.OPERATOR, "{\"note\": \"" + "x".repeat(501) + "\"}"), 400, "note");
    assertField(app.post("/api/alerts/" + id + "/ack", TestServer.OPERATOR, "{\"who\": \"mallory\"}"), 400, "who");
    assertField(app.get("/api/alerts?state=ASLEEP", TestServer.VIEWER), 400, "state");
    assertField(app.get("/api/alerts?severity=meh", TestServer.VIEWER), 400, "severity");
  }

  @Test
  void dashboardPageAndItsBundledAssets() {
    HttpResponse<String> page = app.get("/dashboard", TestServer.VIEWER);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("<script src=\"/assets/uPlot.iife.min.js\"", "id=\"chart-success\"")
        .doesNotContain("http://", "https://", "<script>");
    for (String asset : List.of("uPlot.iife.min.js", "uPlot.min.css", "dashboard.js", "dashboard.css")) {
      HttpResponse<String> r = app.get("/assets/" + asset, null);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      assertThat(r.body()).as(asset).isNotEmpty();
    }
    assertThat(app.get("/assets/../RestServer.class", null).statusCode()).isEqualTo(404);
    assertThat(app.get("/assets/secret.txt", null).statusCode()).isEqualTo(404);
  }

  static JsonNode assertStatus(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("error").get("status").asInt()).isEqualTo(status);
    return body;
  }

  static void assertField(HttpResponse<String> response, int status, String field) {
    assertThat(fields(assertStatus(response, status))).contains(field);
  }

  static List<String> fields(JsonNode error) {
    List<String> names = new ArrayList<>();
    JsonNode fields = error.get("error").get("fields");
    assertThat(fields).as(error.toString()).isNotNull();
    fields.forEach(f -> names.add(f.get("field").asText()));
    return names;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
