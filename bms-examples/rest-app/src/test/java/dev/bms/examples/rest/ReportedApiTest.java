package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backups run by another tool, reported over HTTP: begin, heartbeat, complete or fail. */
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

  private static String begin() {
    var begun = app.post("/api/jobs/" + job + "/reported-executions", TestServer.OPERATOR, null);
    JsonNode e = expect(begun, 201).get("execution");
    assertThat(e.get("status").asText()).isEqualTo("RUNNING");
    assertThat(e.get("mode").asText()).isEqualTo("REPORTED");
    assertThat(begun.headers().firstValue("Location")).hasValue("/api/executions/" + e.get("id").asText());
    return e.get("id").asText();
  }

  @Test
  void beginHeartbeatComplete() {
    String id = begin();
    JsonNode beat = expect(app.post("/api/executions/" + id + "/heartbeat", TestServer.OPERATOR,
        "{\"progressBytes\": 4096}"), 200);
    assertThat(beat.get("progress").get("bytesSoFar").asLong()).isEqualTo(4096);

    JsonNode done = expect(app.post("/api/executions/" + id + "/complete", TestServer.OPERATOR, """
        {"copies": [{"copyName": "disk", "status": "SUCCEEDED", "bytes": 8192, "files": 3, "durationMillis": 1500,
                     "location": "/backups/pg/2025-03-01.dump"},
                    {"copyName": "tape", "status": "FAILED", "error": "drive offline"}]}
        """), 200).get("execution");
    assertThat(done.get("status").asText()).isEqualTo("PARTIAL");
    assertThat(done.get("copies")).hasSize(2);
    assertThat(done.get("copies").get(0).get("bytes").asLong()).isEqualTo(8192);
    assertThat(done.get("copies").get(1).get("error").asText()).isEqualTo("drive offline");
    // finished: no more reports
    expect(app.post("/api/executions/" + id + "/heartbeat", TestServer.OPERATOR, "{\"progressBytes\": 1}"), 409);
  }

  @Test
  void failAndBadReportsNameTheirFields() {
    String id = begin();
    JsonNode bad = expect(app.post("/api/executions/" + id + "/complete", TestServer.OPERATOR, """
        {"copies": [{"status": "DONE", "bytes": -1}, {"copyName": "tape", "status": "FAILED"}]}
        """), 400);
    assertThat(RestApiTest.fields(bad)).containsExactlyInAnyOrder("copies[0].copyName", "copies[0].status",
        "copies[0].bytes", "copies[1].error");
    // a copy name the job does not have is named by bms
    JsonNode unknown = expect(app.post("/api/executions/" + id + "/complete", TestServer.OPERATOR,
        "{\"copies\": [{\"copyName\": \"cloud\", \"status\": \"SUCCEEDED\"}]}"), 400);
    assertThat(unknown.get("error").get("message").asText()).contains("cloud");
    assertThat(RestApiTest.fields(expect(app.post("/api/executions/" + id + "/heartbeat", TestServer.OPERATOR,
        "{}"), 400))).containsExactly("progressBytes");
    assertThat(RestApiTest.fields(expect(app.post("/api/executions/" + id + "/fail", TestServer.OPERATOR,
        "{\"reason\": \" \"}"), 400))).containsExactly("reason");

    JsonNode failed = expect(app.post("/api/executions/" + id + "/fail", TestServer.OPERATOR,
        "{\"reason\": \"pg_dump exited with 1\"}"), 200).get("execution");
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("error").asText()).isEqualTo("pg_dump exited with 1");
    expect(app.post("/api/jobs/" + job + "/reported-executions", TestServer.VIEWER, null), 403);
  }
}
