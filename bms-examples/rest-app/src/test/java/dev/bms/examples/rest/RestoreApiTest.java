package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browsing a restore point, searching the catalog, dry runs and restores over HTTP. */
@ExtendWith(TestServerExtension.class)
class RestoreApiTest {
  private static TestServer app;
  private static String job;
  private static String point;
  private static Path source;

  @BeforeAll
  static void start(TestServer server) throws Exception {
    app = server;
    source = Files.createDirectories(app.dataDir.resolve("samples/restore-api"));
    Files.createDirectories(source.resolve("etc/nginx"));
    Files.writeString(source.resolve("etc/nginx/nginx.conf"), "worker_processes 4;\n", StandardCharsets.UTF_8);
    Files.writeString(source.resolve("etc/hosts"), "127.0.0.1 localhost\n", StandardCharsets.UTF_8);
    Files.writeString(source.resolve("readme.txt"), "hello\n", StandardCharsets.UTF_8);
    Path root = Files.createDirectories(app.dataDir.resolve("targets/restore-api"));
    job = expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "restore-api", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(source, root)), 201).get("id").asText();
    point = expect(app.post("/api/jobs/" + job + "/run", TestServer.OPERATOR, null), 200).get("id").asText();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static JsonNode finished(String id) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !expect(app.get("/api/restores/" + id, TestServer.VIEWER), 200)
        .get("status").asText().equals("RUNNING"));
    return expect(app.get("/api/restores/" + id, TestServer.VIEWER), 200);
  }

  @Test
  void browseARestorePointByPrefixInPages() {
    JsonNode first = expect(app.get("/api/restore-points/" + point + "/files?limit=2", TestServer.VIEWER), 200);
    List<String> paths = new ArrayList<>();
    first.get("items").forEach(f -> paths.add(f.get("path").asText()));
    String cursor = first.get("nextCursor").asText();
    expect(app.get("/api/restore-points/" + point + "/files?limit=2&cursor=" + cursor, TestServer.VIEWER), 200)
        .get("items").forEach(f -> paths.add(f.get("path").asText()));
    assertThat(paths).containsExactly("etc/hosts", "etc/nginx/nginx.conf", "readme.txt");

    JsonNode etc = expect(app.get("/api/restore-points/" + point + "/files?prefix=etc/nginx/", TestServer.VIEWER), 200);
    assertThat(etc.get("items")).hasSize(1);
    assertThat(etc.get("items").get(0).get("sha256").asText()).hasSize(64);
    expect(app.get("/api/restore-points/00000000-0000-7000-8000-000000000000/files", TestServer.VIEWER), 404);
  }

  @Test
  void searchTheCatalogByPathNameAndPrefix() {
    JsonNode byPath = expect(app.get("/api/catalog/search?path=/etc/nginx/nginx.conf&jobId=" + job, TestServer.VIEWER), 200);
    assertThat(byPath.get("items")).hasSize(1);
    JsonNode version = byPath.get("items").get(0);
    assertThat(version.get("restorePoint").asText()).isEqualTo(point);
    assertThat(version.get("copies").get(0).asText()).isEqualTo("nas");
    assertThat(version.get("file").get("size").asLong()).isEqualTo(20);
    assertThat(expect(app.get("/api/catalog/search?name=hosts&jobId=" + job, TestServer.VIEWER), 200).get("items"))
        .hasSize(1);
    assertThat(expect(app.get("/api/catalog/search?prefix=etc/&jobId=" + job, TestServer.VIEWER), 200).get("items"))
        .hasSize(2);
    assertThat(RestApiTest.fields(expect(app.get("/api/catalog/search?path=a&name=b", TestServer.VIEWER), 400)))
        .containsExactly("path");
  }

  @Test
  void dryRunThenRestoreAGlobWithMatchingHashes() throws Exception {
    Path into = app.dataDir.resolve("restored/glob");
    String body = """
        {"jobId": "%s", "paths": ["etc/**"], "destination": "%s"}
        """.formatted(job, into);
    JsonNode plan = expect(app.post("/api/restores/plan", TestServer.OPERATOR, body), 200);
    assertThat(plan.get("restorePoint").asText()).isEqualTo(point);
    assertThat(plan.get("files").asInt()).isEqualTo(2);
    assertThat(plan.get("bytesToWrite").asLong()).isEqualTo(20 + 20);
    assertThat(plan.get("items").get(0).get("copyName").asText()).isEqualTo("nas");
    assertThat(Files.exists(into)).isFalse(); // a dry run writes nothing

    var started = app.post("/api/restores", TestServer.OPERATOR, body);
    String id = expect(started, 202).get("id").asText();
    assertThat(started.headers().firstValue("Location")).hasValue("/api/restores/" + id);
    JsonNode done = finished(id);
    assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.get("filesRestored").asLong()).isEqualTo(2);
    assertThat(done.get("requestedBy").asText()).isEqualTo("operator");
    assertThat(done.get("copies").get(0).get("copyName").asText()).isEqualTo("nas");
    assertThat(sha256(into.resolve("etc/nginx/nginx.conf"))).isEqualTo(sha256(source.resolve("etc/nginx/nginx.conf")));
    assertThat(Files.exists(into.resolve("readme.txt"))).isFalse();

    // again with SKIP: nothing written; a finished restore cannot be cancelled
    String again = expect(app.post("/api/restores", TestServer.OPERATOR, """
        {"restorePoint": "%s", "paths": ["etc/**"], "destination": "%s", "onConflict": "SKIP"}
        """.formatted(point, into)), 202).get("id").asText();
    assertThat(finished(again).get("filesSkipped").asLong()).isEqualTo(2);
    expect(app.post("/api/restores/" + again + "/cancel", TestServer.OPERATOR, null), 409);
    List<String> ids = new ArrayList<>();
    expect(app.get("/api/restores?jobId=" + job, TestServer.VIEWER), 200).get("items")
        .forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactly(again, id);
  }

  @Test
  void restoresAreRefusedOutsideTheAllowedRootsAndToViewers() {
    JsonNode outside = expect(app.post("/api/restores", TestServer.OPERATOR, """
        {"jobId": "%s", "destination": "/etc"}
        """.formatted(job)), 400);
    assertThat(RestApiTest.fields(outside)).containsExactly("destination");
    assertThat(outside.get("error").get("fields").get(0).get("message").asText()).contains("outside the allowed roots");
    JsonNode bad = expect(app.post("/api/restores/plan", TestServer.OPERATOR, """
        {"jobId": "x", "asOf": "yesterday", "destination": "relative", "onConflict": "maybe", "timeout": "1h"}
        """), 400);
    assertThat(RestApiTest.fields(bad)).contains("jobId", "destination", "onConflict", "timeout");
    // a valid request from a viewer reaches bms, whose role policy refuses it (the app reads the body first)
    JsonNode refused = expect(app.post("/api/restores", TestServer.VIEWER, """
        {"jobId": "%s", "destination": "%s"}
        """.formatted(job, app.dataDir.resolve("restored/viewer"))), 403);
    assertThat(refused.get("error").get("message").asText()).contains("restores.start");
    assertThat(app.dataDir.resolve("restored/viewer")).doesNotExist();
    JsonNode unknownCopy = expect(app.post("/api/restores/plan", TestServer.OPERATOR, """
        {"restorePoint": "%s", "copy": "tape", "destination": "%s"}
        """.formatted(point, app.dataDir.resolve("restored/x"))), 400);
    assertThat(unknownCopy.get("error").get("message").asText()).contains("tape");
  }
}
