package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backups run by another tool, reported over HTTP: begin, heartbeat, complete or fail. Each report
 * carries the token begin answered with, in {@code X-Execution-Token}.
 */
@ExtendWith(TestServerExtension.class)
class ReportedApiTest {
  private static TestServer app;
  private static String job;

  @BeforeAll
  static void start(TestServer server) throws Exception {
    app = server;
    // the tool writes where it likes; the copies name targets only so bms knows what they are
    java.nio.file.Path disk = java.nio.file.Files.createDirectories(app.dataDir.resolve("targets/reported-disk"));
    java.nio.file.Path tape = java.nio.file.Files.createDirectories(app.dataDir.resolve("targets/reported-tape"));
    job = expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "reported-over-http", "source": {"type": "external"},
         "copies": [{"name": "disk", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}},
                    {"name": "tape", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(disk, tape)), 201).get("id").asText();
  }

  /** A begun run: its execution id and report token. */
  private record Begun(String id, String token) {
  }

  private static Begun begin() {
    var begun = app.post("/api/jobs/" + job + "/reported-executions", TestServer.OPERATOR, null);
    JsonNode body = expect(begun, 201);
    JsonNode e = body.get("execution");
    assertThat(e.get("status").asText()).isEqualTo("RUNNING");
    assertThat(e.get("mode").asText()).isEqualTo("REPORTED");
    assertThat(begun.headers().firstValue("Location")).hasValue("/api/executions/" + e.get("id").asText());
    assertThat(begun.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(body.get("token").asText()).matches("[A-Za-z0-9_-]{43}");
    return new Begun(e.get("id").asText(), body.get("token").asText());
  }

  private static HttpResponse<String> report(Begun run, String action, String json) {
    return report(run.id(), action, json, run.token());
  }

  private static HttpResponse<String> report(String id, String action, String json, String token) {
    return token == null ? app.post("/api/executions/" + id + "/" + action, TestServer.OPERATOR, json)
        : app.call("POST", "/api/executions/" + id + "/" + action, TestServer.OPERATOR, json,
            "X-Execution-Token", token);
  }

  @Test
  void beginHeartbeatComplete() {
    Begun run = begin();
    JsonNode beat = expect(report(run, "heartbeat", "{\"progressBytes\": 4096}"), 200);
    assertThat(beat.get("progress").get("bytesSoFar").asLong()).isEqualTo(4096);

    JsonNode done = expect(report(run, "complete", """
        {"copies": [{"copyName": "disk", "status": "SUCCEEDED", "bytes": 8192, "files": 3, "durationMillis": 1500,
                     "location": "/backups/pg/2025-03-01.dump"},
                    {"copyName": "tape", "status": "FAILED", "error": "drive offline"}]}
        """), 200).get("execution");
    assertThat(done.get("status").asText()).isEqualTo("PARTIAL");
    assertThat(done.get("copies")).hasSize(2);
    assertThat(done.get("copies").get(0).get("bytes").asLong()).isEqualTo(8192);
    assertThat(done.get("copies").get(1).get("error").asText()).isEqualTo("drive offline");
    // finished: no more reports
    expect(report(run, "heartbeat", "{\"progressBytes\": 1}"), 409);
  }

  @Test
  void failAndBadReportsNameTheirFields() {
    Begun run = begin();
    JsonNode bad = expect(report(run, "complete", """
        {"copies": [{"status": "DONE", "bytes": -1}, {"copyName": "tape", "status": "FAILED"}]}
        """), 400);
    assertThat(RestApiTest.fields(bad)).containsExactlyInAnyOrder("copies[0].copyName", "copies[0].status",
        "copies[0].bytes", "copies[1].error");
    // a copy name the job does not have is named by bms
    JsonNode unknown = expect(report(run, "complete",
        "{\"copies\": [{\"copyName\": \"cloud\", \"status\": \"SUCCEEDED\"}]}"), 400);
    assertThat(unknown.get("error").get("message").asText()).contains("cloud");
    assertThat(RestApiTest.fields(expect(report(run, "heartbeat", "{}"), 400))).containsExactly("progressBytes");
    assertThat(RestApiTest.fields(expect(report(run, "fail", "{\"reason\": \" \"}"), 400)))
        .containsExactly("reason");

    JsonNode failed = expect(report(run, "fail", "{\"reason\": \"pg_dump exited with 1\"}"), 200).get("execution");
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("error").asText()).isEqualTo("pg_dump exited with 1");
    expect(app.post("/api/jobs/" + job + "/reported-executions", TestServer.VIEWER, null), 403);
  }

  @Test
  void reportsWithoutTheRunsTokenAre403AndRecordNothing() {
    Begun mine = begin();
    Begun theirs = begin();
    String before = expect(app.get("/api/executions/" + mine.id(), TestServer.VIEWER), 200).get("execution").toString();
    java.util.Map<String, String> bodies = java.util.Map.of(
        "heartbeat", "{\"progressBytes\": 4096}",
        "complete", "{\"copies\": [{\"copyName\": \"disk\", \"status\": \"SUCCEEDED\"}]}",
        "fail", "{\"reason\": \"not mine to fail\"}");
    java.util.List<String> wrong = java.util.Arrays.asList(null, "", theirs.token(), mine.token() + "A");
    for (var action : bodies.entrySet()) {
      for (String token : wrong) {
        JsonNode refused = expect(report(mine.id(), action.getKey(), action.getValue(), token), 403);
        assertThat(refused.get("error").get("code").asText()).isEqualTo("execution_token");
        assertThat(refused.get("error").get("message").asText()).contains(mine.id())
            .doesNotContain(mine.token()).doesNotContain(theirs.token());
      }
    }
    // nothing was recorded: the run is as it was, and its own token still finishes it
    assertThat(expect(app.get("/api/executions/" + mine.id(), TestServer.VIEWER), 200).get("execution").toString())
        .isEqualTo(before);
    assertThat(expect(report(mine, "complete", bodies.get("complete")), 200).get("execution").get("status").asText())
        .isEqualTo("PARTIAL");
    assertThat(expect(report(theirs, "fail", bodies.get("fail")), 200).get("execution").get("status").asText())
        .isEqualTo("FAILED");
  }
}
