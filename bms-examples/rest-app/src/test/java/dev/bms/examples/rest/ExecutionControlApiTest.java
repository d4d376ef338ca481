package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Starting a run without waiting, its live progress, cancelling it, and verifying a restore point. */
@ExtendWith(TestServerExtension.class)
class ExecutionControlApiTest {
  private static TestServer app;

  @BeforeAll
  static void start(TestServer server) {
    app = server;
  }

  private static String gatedJob(String name, String gate) throws Exception {
    Path root = app.dataDir.resolve("targets/" + name);
    Files.createDirectories(root);
    return expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "%s", "source": {"type": "gated", "config": {"bytes": "4000", "gate": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(name, gate, root)), 201).get("id").asText();
  }

  private static JsonNode execution(String id) {
    return expect(app.get("/api/executions/" + id, TestServer.VIEWER), 200);
  }

  @Test
  void anAsyncRunAnswersAtOnceAndShowsBytesAndFilesSoFar() throws Exception {
    String job = gatedJob("async-progress", "progress");
    var started = app.post("/api/jobs/" + job + "/runs", TestServer.OPERATOR, null);
    JsonNode pending = expect(started, 202).get("execution");
    String id = pending.get("id").asText();
    assertThat(pending.get("status").asText()).isIn("PENDING", "RUNNING");
    assertThat(started.headers().firstValue("Location")).hasValue("/api/executions/" + id);

    assertThat(GatedSourcePlugin.gate("progress").awaitReached()).isTrue();
    JsonNode running = execution(id);
    assertThat(running.get("execution").get("status").asText()).isEqualTo("RUNNING");
    // the first file whole, the second half-way
    assertThat(running.get("progress").get("bytesSoFar").asLong()).isEqualTo(4000 + 2000);
    assertThat(running.get("progress").get("filesSoFar").asLong()).isEqualTo(1);

    GatedSourcePlugin.gate("progress").open.countDown();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> execution(id).get("execution").get("status").asText().equals("SUCCEEDED"));
    JsonNode done = execution(id);
    assertThat(done.has("progress")).isFalse();
    assertThat(done.get("execution").get("bytes").asLong()).isEqualTo(8000);
    assertThat(done.get("execution").get("files").asLong()).isEqualTo(2);

    // verify it: checksum and restore test, each with the evidence per copy
    JsonNode checksum = expect(app.post("/api/executions/" + id + "/verify", TestServer.OPERATOR, null), 200);
    assertThat(checksum.get("level").asText()).isEqualTo("CHECKSUM");
    assertThat(checksum.get("passed").asBoolean()).isTrue();
    assertThat(checksum.get("copies").get(0).get("filesChecked").asLong()).isEqualTo(2);
    JsonNode restoreTest = expect(app.post("/api/executions/" + id + "/verify", TestServer.OPERATOR,
        "{\"level\": \"RESTORE_TEST\"}"), 200);
    assertThat(restoreTest.get("level").asText()).isEqualTo("RESTORE_TEST");
    assertThat(restoreTest.get("passed").asBoolean()).isTrue();
    assertThat(RestApiTest.fields(expect(app.post("/api/executions/" + id + "/verify", TestServer.OPERATOR,
        "{\"level\": \"eyeball\"}"), 400))).containsExactly("level");
    expect(app.post("/api/executions/" + id + "/verify", TestServer.VIEWER, null), 403);
  }

  @Test
  void aStartedRunCanBeCancelled() throws Exception {
    String job = gatedJob("async-cancel", "cancel");
    String id = expect(app.post("/api/jobs/" + job + "/runs", TestServer.OPERATOR, null), 202)
        .get("execution").get("id").asText();
    assertThat(GatedSourcePlugin.gate("cancel").awaitReached()).isTrue();

    JsonNode cancelling = expect(app.post("/api/executions/" + id + "/cancel", TestServer.OPERATOR, null), 202);
    assertThat(cancelling.get("execution").get("id").asText()).isEqualTo(id);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> execution(id).get("execution").get("status").asText().equals("CANCELLED"));
    // finished: a second cancel is a conflict
    expect(app.post("/api/executions/" + id + "/cancel", TestServer.OPERATOR, null), 409);
    expect(app.get("/api/executions/not-an-id", TestServer.VIEWER), 400);
    expect(app.get("/api/executions/00000000-0000-7000-8000-000000000000", TestServer.VIEWER), 404);
  }
}
