package dev.bms.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application against the real PostgreSQL: create a job over HTTP, run it, see it in health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BackupApplicationTest {
  static final String SCHEMA = "bms_boot_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @LocalServerPort
  int port;

  @TempDir
  static Path tmp;

  @DynamicPropertySource
  static void schema(DynamicPropertyRegistry registry) {
    registry.add("bms.storage.schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void backsUpThroughTheStarterOnPostgres(CapturedOutput output) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("invoice.txt"), "total: 42");
    Path target = Files.createDirectories(tmp.resolve("target"));

    JsonNode created = post("/backups", "{\"name\":\"invoices\",\"source\":\"" + source + "\",\"target\":\"" + target + "\"}");
    JsonNode run = post("/backups/" + created.get("id").asText() + "/run", "");
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("bytes").asLong()).isEqualTo("total: 42".length());

    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT status FROM " + SCHEMA + ".bms_execution")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("SUCCEEDED");
    }

    JsonNode health = json.readTree(get("/actuator/health"));
    assertThat(health.at("/components/bms/status").asText()).isEqualTo("UP");
    assertThat(get("/actuator/metrics/bms.executions")).contains("\"name\":\"bms.executions\"");
    assertThat(json.readTree(get("/actuator/info")).at("/bms/scheduler").asText()).isEqualTo("enabled");

    // logs are JSON lines (logging.structured.format.console=logstash), bms's own among them
    List<JsonNode> bmsLines = new ArrayList<>();
    for (String line : output.getOut().lines().filter(l -> l.startsWith("{")).toList()) {
      JsonNode event = json.readTree(line);
      if (event.path("logger_name").asText().startsWith("dev.bms.")) {
        bmsLines.add(event);
      }
    }
    assertThat(bmsLines).isNotEmpty().allSatisfy(e -> assertThat(e.has("@timestamp") && e.has("level")).isTrue());
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
