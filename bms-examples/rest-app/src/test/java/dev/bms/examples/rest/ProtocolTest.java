package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Probes without credentials, and HTTP-level errors as JSON: 404, 405, 413. */
@ExtendWith(TestServerExtension.class)
class ProtocolTest {
  private static TestServer app;

  @BeforeAll
  static void start(TestServer server) {
    app = server;
  }

  @Test
  void probesNeedNoKeyWhileEverythingElseDoes() {
    assertThat(expect(app.get("/health/live", null), 200).get("status").asText()).isEqualTo("UP");
    JsonNode ready = expect(app.get("/health/ready", null), 200);
    assertThat(ready.get("status").asText()).isEqualTo("UP");
    assertThat(ready.get("components").get("storage").asText()).isEqualTo("UP");
    expect(app.get("/health", null), 401);
    expect(app.get("/api/jobs", null), 401);
    expect(app.get("/api/executions/00000000-0000-7000-8000-000000000000", null), 401);
  }

  @Test
  void wrongMethodsAre405AsJson() {
    JsonNode wrong = expect(app.call("DELETE", "/api/executions", TestServer.ADMIN, null), 405);
    assertThat(wrong.get("error").get("code").asText()).isEqualTo("method_not_allowed");
    expect(app.call("PATCH", "/api/jobs", TestServer.ADMIN, "{}"), 405);
    expect(app.call("GET", "/api/jobs/00000000-0000-0000-0000-000000000000/run", TestServer.ADMIN, null), 405);
    expect(app.call("POST", "/health/live", null, null), 405);
    expect(app.get("/api/no-such-thing", TestServer.VIEWER), 404);
  }

  @Test
  void bodiesOverTheLimitAre413AsJson() {
    String big = "{\"name\": \"" + "x".repeat((int) RestServer.MAX_REQUEST_BYTES) + "\"}";
    JsonNode tooLarge = expect(app.post("/api/jobs", TestServer.ADMIN, big), 413);
    assertThat(tooLarge.get("error").get("code").asText()).isEqualTo("request_too_large");
    assertThat(tooLarge.get("error").get("message").asText()).contains(Long.toString(RestServer.MAX_REQUEST_BYTES));
    // without a Content-Length (chunked), too
    HttpResponse<String> chunked = app.send(HttpRequest.newBuilder(app.uri("/api/jobs"))
        .header("X-API-Key", TestServer.ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    assertThat(expect(chunked, 413).get("error").get("code").asText()).isEqualTo("request_too_large");
  }
}
