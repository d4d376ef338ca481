package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail over HTTP: callers mapped to bms actors (API keys as services, browser sessions
 * as persons), their changes found by actor, operation, time range and full text, keyset paging,
 * chain verification, and bms's access policy deciding who may read the trail.
 */
@ExtendWith(TestServerExtension.class)
class AuditApiTest {
  private static TestServer app;
  private static String jobId;
  private static Instant before;
  /** After the setup's three changes: other tests of this class change the job again. */
  private static Instant afterSetup;

  @BeforeAll
  static void start(TestServer server) throws Exception {
    app = server;
    before = Instant.now().minusSeconds(1);
    Path target = Files.createDirectories(app.dataDir.resolve("targets/audit-probe"));
    jobId = expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "audit-probe", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(app.dataDir.resolve("samples/wiki"), target)), 201).get("id").asText();
    expect(app.post("/api/jobs/" + jobId + "/disable", TestServer.ADMIN, null), 200);
    expect(app.post("/api/jobs/" + jobId + "/enable", TestServer.ADMIN, null), 200);
    afterSetup = Instant.now().plusMillis(1);
  }

  private static JsonNode search(String query) {
    return expect(app.get("/api/audit?" + query, TestServer.AUDITOR), 200);
  }

  private static String encode(Object value) {
    return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  @Test
  void anApiKeysChangeIsRecordedAsItsServiceActorWithTheDiff() {
    JsonNode page = search("actor=admin&operation=jobs.disable&resourceType=job&resourceId=" + jobId + "&to="
        + encode(afterSetup));
    assertThat(page.get("items")).hasSize(1);
    JsonNode r = page.get("items").get(0);
    assertThat(r.get("actor").get("id").asText()).isEqualTo("admin");
    assertThat(r.get("actor").get("kind").asText()).isEqualTo("service");
    assertThat(r.get("actor").get("roles").get(0).asText()).isEqualTo("admin");
    assertThat(r.get("resource").get("type").asText()).isEqualTo("job");
    assertThat(r.get("resource").get("id").asText()).isEqualTo(jobId);
    assertThat(r.get("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.get("diff").get("definition.enabled").get("from").asBoolean()).isTrue();
    assertThat(r.get("diff").get("definition.enabled").get("to").asBoolean()).isFalse();
    assertThat(r.get("hash").asText()).hasSize(64);
    assertThat(r.get("previousHash").asText()).hasSize(64);
  }

  @Test
  void fullTextAndTimeRangeFindTheRecords() {
    // the job's name is in the create's diff
    JsonNode named = search("q=" + encode("audit-probe"));
    assertThat(named.get("items")).anySatisfy(r -> {
      assertThat(r.get("operation").asText()).isEqualTo("jobs.create");
      assertThat(r.get("resource").get("id").asText()).isEqualTo(jobId);
    });
    // every word must occur
    assertThat(search("q=" + encode("audit-probe no-such-word-anywhere")).get("items")).isEmpty();
    // nothing of this job was written before the test began
    JsonNode earlier = search("resourceType=job&resourceId=" + jobId + "&to=" + encode(before));
    assertThat(earlier.get("items")).isEmpty();
    JsonNode since = search("resourceType=job&resourceId=" + jobId + "&from=" + encode(before) + "&to="
        + encode(afterSetup));
    assertThat(since.get("items")).extracting(r -> r.get("operation").asText())
        .containsExactly("jobs.enable", "jobs.disable", "jobs.create");
  }

  @Test
  void keysetPagesWalkTheTrailNewestFirst() {
    List<String> operations = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = search("resourceType=job&resourceId=" + jobId + "&to=" + encode(afterSetup) + "&limit=1"
          + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.get("items")).hasSize(1);
      operations.add(page.get("items").get(0).get("operation").asText());
      sequences.add(page.get("items").get(0).get("sequence").asLong());
      cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(operations).containsExactly("jobs.enable", "jobs.disable", "jobs.create");
    assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void theChainVerifiesForAuditorsAndAdmins() {
    for (String key : List.of(TestServer.AUDITOR, TestServer.ADMIN)) {
      JsonNode v = expect(app.get("/api/audit/verify", key), 200);
      assertThat(v.get("intact").asBoolean()).isTrue();
      assertThat(v.get("checked").asLong()).isPositive();
      assertThat(v.has("firstBreak")).isFalse();
    }
    JsonNode ranged = expect(app.get("/api/audit/verify?from=" + encode(before), TestServer.AUDITOR), 200);
    assertThat(ranged.get("intact").asBoolean()).isTrue();
    assertThat(ranged.get("checked").asLong()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void otherRolesAreRefusedByBmsAndTheRefusalIsRecorded() {
    for (String key : List.of(TestServer.VIEWER, TestServer.OPERATOR)) {
      assertForbidden(app.get("/api/audit?q=x", key), "audit.search");
      assertForbidden(app.get("/api/audit/verify", key), "audit.verify");
    }
    JsonNode denied = search("actor=viewer&operation=audit.search&outcome=denied");
    assertThat(denied.get("items")).isNotEmpty();
    assertThat(denied.get("items").get(0).get("detail").asText()).contains("auditor or admin");
  }

  @Test
  void aBrowserSessionIsRecordedAsAPerson() throws Exception {
    HttpResponse<String> login = app.send(HttpRequest.newBuilder(app.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + TestServer.ADMIN)));
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = TestServer.json(app.send(HttpRequest.newBuilder(app.uri("/api/session")).header("Cookie", cookie).GET()))
        .get("csrfToken").asText();
    HttpResponse<String> disabled = app.send(HttpRequest.newBuilder(app.uri("/api/jobs/" + jobId + "/disable"))
        .header("Cookie", cookie).header(AccessControl.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    expect(app.post("/api/jobs/" + jobId + "/enable", TestServer.ADMIN, null), 200);

    JsonNode r = search("actor=admin&operation=jobs.disable&resourceType=job&resourceId=" + jobId + "&limit=1")
        .get("items").get(0);
    assertThat(r.get("actor").get("kind").asText()).isEqualTo("person");
    assertThat(r.get("actor").get("name").asText()).isEqualTo("admin");
  }

  private static void assertForbidden(HttpResponse<String> r, String operation) {
    JsonNode error = expect(r, 403).get("error");
    assertThat(error.get("code").asText()).isEqualTo("forbidden");
    assertThat(error.get("message").asText()).contains(operation);
    SecurityTest.assertSecurityHeaders(r);
  }

  @Test
  void badParametersAreNamed() {
    RestApiTest.assertField(app.get("/api/audit?cursor=not-a-cursor", TestServer.AUDITOR), 400, "cursor");
    RestApiTest.assertField(app.get("/api/audit?from=yesterday", TestServer.AUDITOR), 400, "from");
    RestApiTest.assertField(app.get("/api/audit?outcome=MAYBE", TestServer.AUDITOR), 400, "outcome");
    RestApiTest.assertField(app.get("/api/audit?limit=0", TestServer.AUDITOR), 400, "limit");
    RestApiTest.assertField(app.get("/api/audit?resourceId=x", TestServer.AUDITOR), 400, "resourceType");
    RestApiTest.assertField(app.get("/api/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        TestServer.AUDITOR), 400, "to");
    RestApiTest.assertField(app.get("/api/audit?q=" + "x".repeat(201), TestServer.AUDITOR), 400, "q");
    RestApiTest.assertField(app.get("/api/audit/verify?to=soon", TestServer.AUDITOR), 400, "to");
  }
}
