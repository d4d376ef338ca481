package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/findings}, {@code /api/jobs/{id}/findings} and {@code POST /api/alerts/{id}/resolve}
 * over real HTTP. On the seeded server the findings are bms's own (the sample erp-database's empty
 * success); on a four-eyes server a managed job over a real tree is attacked (60 % of its files
 * replaced by random bytes under a new extension), and resolving the ransomware signal answers 202
 * until a second admin approves it.
 */
@ExtendWith(TestServerExtension.class)
class FindingsApiTest {
  private static final String[] WORDS = {"invoice", "payroll", "the", "customer", "of", "2026", "total", "EUR"};

  private static String jobId(TestServer app, String name) {
    JsonNode jobs = expect(app.get("/api/jobs?limit=500", TestServer.VIEWER), 200).get("items");
    return StreamSupport.stream(jobs.spliterator(), false).filter(o -> o.get("job").get("name").asText().equals(name))
        .findFirst().orElseThrow().get("job").get("id").asText();
  }

  private static List<JsonNode> items(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false).toList();
  }

  @Test
  void theSeededEstateHasRealFindingsReadPerJobAndAcrossJobs(TestServer app) {
    String erp = jobId(app, "erp-database");
    List<JsonNode> ofJob = items(expect(app.get("/api/jobs/" + erp + "/findings", TestServer.VIEWER), 200));
    assertThat(ofJob).anySatisfy(f -> {
      assertThat(f.get("kind").asText()).isEqualTo("EMPTY_SUCCESS");
      assertThat(f.get("rule").asText()).isEqualTo("empty-success");
      assertThat(f.get("jobId").asText()).isEqualTo(erp);
      assertThat(f.get("jobName").asText()).isEqualTo("erp-database");
      assertThat(f.get("explanation").asText()).startsWith("reported success with 0");
      assertThat(f.get("score").asDouble()).isPositive();
      assertThat(f.get("executionId").asText()).isNotBlank();
      assertThat(f.get("raisedAt").asText()).isNotBlank();
      assertThat(f.get("ransomware").asBoolean()).isFalse();
      // its execution is a real one of the job
      expect(app.get("/api/executions/" + f.get("executionId").asText(), TestServer.VIEWER), 200);
    });
    assertThat(items(expect(app.get("/api/findings?state=ALL&limit=500", TestServer.VIEWER), 200)))
        .anySatisfy(f -> assertThat(f.get("jobId").asText()).isEqualTo(erp));
    assertThat(items(expect(app.get("/api/findings?jobId=" + erp + "&state=ALL&rule=size-anomaly", TestServer.VIEWER),
        200))).isEmpty();
    // keyset pages
    JsonNode first = expect(app.get("/api/findings?state=ALL&limit=1", TestServer.VIEWER), 200);
    assertThat(items(first)).hasSize(1);
    if (first.hasNonNull("nextCursor")) {
      JsonNode second = expect(app.get("/api/findings?state=ALL&limit=1&cursor=" + first.get("nextCursor").asText(),
          TestServer.VIEWER), 200);
      assertThat(items(second)).isNotEmpty().noneMatch(f -> f.get("alertId").equals(items(first).get(0).get("alertId")));
    }

    // refusals
    expect(app.get("/api/findings?state=BURNING", TestServer.VIEWER), 400);
    expect(app.get("/api/jobs/" + UUID.randomUUID() + "/findings", TestServer.VIEWER), 404);
    String alert = ofJob.get(0).get("alertId").asText();
    expect(app.post("/api/alerts/" + alert + "/resolve", TestServer.VIEWER, "{\"reason\": \"looked\"}"), 403);
    expect(app.post("/api/alerts/" + alert + "/resolve", TestServer.OPERATOR, "{\"reason\": \" \"}"), 400);
    expect(app.post("/api/alerts/" + UUID.randomUUID() + "/resolve", TestServer.OPERATOR, "{\"reason\": \"x\"}"), 404);
    expect(app.post("/api/alerts/not-an-id/resolve", TestServer.OPERATOR, "{\"reason\": \"x\"}"), 400);
  }

  @Test
  void resolvingARansomwareSignalIsHeldForASecondAdmin() throws Exception {
    TestServer app = TestServer.withFourEyes("findings");
    try {
      Random random = new Random(19);
      Path source = Files.createDirectories(app.dataDir.resolve("samples/file-server"));
      for (int i = 0; i < 200; i++) {
        write(random, source.resolve("dept" + i % 7 + "/doc" + i + (i % 3 == 0 ? ".txt" : ".csv")));
      }
      Path target = Files.createDirectories(app.dataDir.resolve("targets/file-server"));
      String job = expect(app.post("/api/jobs", TestServer.ADMIN, """
          {"name": "file-server", "source": {"type": "directory", "config": {"path": "%s"}},
           "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
          """.formatted(source, target)), 201).get("id").asText();
      for (int day = 0; day < 6; day++) {
        assertThat(expect(app.post("/api/jobs/" + job + "/run", TestServer.OPERATOR, null), 200).get("status").asText())
            .isEqualTo("SUCCEEDED");
        List<Path> all = files(source);
        write(random, all.get(random.nextInt(all.size())));
        write(random, source.resolve("dept" + day % 7 + "/new-" + day + ".txt"));
      }
      assertThat(items(expect(app.get("/api/jobs/" + job + "/findings", TestServer.VIEWER), 200))).isEmpty();
      List<Path> all = new ArrayList<>(files(source));
      Collections.shuffle(all, random);
      for (Path f : all.subList(0, (int) Math.round(all.size() * 0.6))) {
        byte[] garbage = new byte[(int) Files.size(f)];
        random.nextBytes(garbage);
        Files.write(f.resolveSibling(f.getFileName() + ".locked"), garbage);
        Files.delete(f);
      }
      expect(app.post("/api/jobs/" + job + "/run", TestServer.OPERATOR, null), 200);

      List<JsonNode> open = items(expect(app.get("/api/findings", TestServer.VIEWER), 200));
      assertThat(open).singleElement().satisfies(f -> {
        assertThat(f.get("ransomware").asBoolean()).isTrue();
        assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(f.get("kind").asText()).isEqualTo("ENCRYPTED_CONTENT");
        assertThat(f.get("explanation").asText()).contains("looks encrypted");
      });
      String alert = open.get(0).get("alertId").asText();

      HttpResponse<String> r = app.post("/api/alerts/" + alert + "/resolve", TestServer.OPERATOR,
          "{\"reason\": \"restored the share from the point before the attack\"}");
      JsonNode held = expect(r, 202).get("approvalRequired");
      assertThat(held.get("action").asText()).isEqualTo("CLEAR_RANSOMWARE_SIGNAL");
      assertThat(held.get("operation").asText()).isEqualTo("alerts.resolve");
      String request = held.get("id").asText();
      assertThat(r.headers().firstValue("Location")).hasValue("/api/approvals/" + request);
      assertThat(items(expect(app.get("/api/findings", TestServer.VIEWER), 200))).hasSize(1);

      expect(app.post("/api/approvals/" + request + "/approve", TestServer.SECOND_ADMIN, "{\"comment\": \"ok\"}"), 200);
      assertThat(items(expect(app.get("/api/findings", TestServer.VIEWER), 200))).isEmpty();
      assertThat(items(expect(app.get("/api/jobs/" + job + "/findings", TestServer.VIEWER), 200)))
          .singleElement().satisfies(f -> {
            assertThat(f.get("state").asText()).isEqualTo("RESOLVED");
            assertThat(f.get("resolvedAt").asText()).isNotBlank();
          });
    } finally {
      app.close();
    }
  }

  private static void write(Random random, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder();
    int size = 8_000 + random.nextInt(32_000);
    while (sb.length() < size) {
      sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ";\n" : " ");
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path source) throws IOException {
    try (Stream<Path> s = Files.walk(source)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
