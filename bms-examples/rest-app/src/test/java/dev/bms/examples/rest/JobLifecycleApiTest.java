package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Update, delete, enable and disable jobs over HTTP, and the allow-list of local paths. */
@ExtendWith(TestServerExtension.class)
class JobLifecycleApiTest {
  private static TestServer app;

  @BeforeAll
  static void start(TestServer server) {
    app = server;
  }

  private static String body(String name, String rpo, String sourcePath, String root) {
    return """
        {"name": "%s", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}],
         "rpo": "%s"}
        """.formatted(name, sourcePath, root, rpo);
  }

  private static String sample() {
    return app.dataDir.resolve("samples/wiki").toString();
  }

  private static String target() throws Exception {
    Path t = app.dataDir.resolve("targets/lifecycle");
    Files.createDirectories(t);
    return t.toString();
  }

  @Test
  void updatesWithOptimisticLockingThenDeletes() throws Exception {
    JsonNode job = expect(app.post("/api/jobs", TestServer.ADMIN, body("lifecycle-1", "PT26H", sample(), target())), 201);
    String id = job.get("id").asText();
    long version = job.get("version").asLong();

    JsonNode updated = expect(app.call("PUT", "/api/jobs/" + id, TestServer.ADMIN,
        body("lifecycle-1", "PT12H", sample(), target()), "If-Match", "\"" + version + "\""), 200);
    assertThat(updated.get("rpo").asText()).isEqualTo("PT12H");
    assertThat(updated.get("version").asLong()).isEqualTo(version + 1);

    // the same stale version again: someone else's change would be lost
    JsonNode stale = expect(app.call("PUT", "/api/jobs/" + id, TestServer.ADMIN,
        body("lifecycle-1", "PT6H", sample(), target()), "If-Match", Long.toString(version)), 409);
    assertThat(stale.get("error").get("code").asText()).isEqualTo("conflict");
    expect(app.call("PUT", "/api/jobs/" + id, TestServer.ADMIN, body("lifecycle-1", "PT6H", sample(), target()),
        "If-Match", "soon"), 400);
    // bad fields are named as on create
    JsonNode bad = expect(app.call("PUT", "/api/jobs/" + id, TestServer.ADMIN,
        body("lifecycle-1", "later", sample(), target())), 400);
    assertThat(RestApiTest.fields(bad)).contains("rpo");
    // operators may not change definitions
    expect(app.call("PUT", "/api/jobs/" + id, TestServer.OPERATOR, body("lifecycle-1", "PT6H", sample(), target())), 403);

    assertThat(app.call("DELETE", "/api/jobs/" + id, TestServer.ADMIN, null).statusCode()).isEqualTo(204);
    expect(app.get("/api/jobs/" + id, TestServer.VIEWER), 404);
    expect(app.call("DELETE", "/api/jobs/" + id, TestServer.ADMIN, null), 404);
  }

  @Test
  void disableAndEnableAJob() throws Exception {
    String id = expect(app.post("/api/jobs", TestServer.ADMIN, body("lifecycle-2", "PT26H", sample(), target())), 201)
        .get("id").asText();
    assertThat(expect(app.post("/api/jobs/" + id + "/disable", TestServer.ADMIN, null), 200).get("enabled").asBoolean())
        .isFalse();
    assertThat(expect(app.get("/api/jobs/" + id, TestServer.VIEWER), 200).get("job").get("enabled").asBoolean()).isFalse();
    assertThat(expect(app.post("/api/jobs/" + id + "/enable", TestServer.ADMIN, null), 200).get("enabled").asBoolean())
        .isTrue();
    // bms's role policy: enabling and disabling is configuration, an admin's; the app passes its 403 on
    for (String weaker : List.of(TestServer.VIEWER, TestServer.OPERATOR, TestServer.AUDITOR)) {
      JsonNode refused = expect(app.post("/api/jobs/" + id + "/disable", weaker, null), 403);
      assertThat(refused.get("error").get("code").asText()).isEqualTo("forbidden");
      assertThat(refused.get("error").get("message").asText()).contains("jobs.disable", "admin");
    }
    assertThat(expect(app.get("/api/jobs/" + id, TestServer.VIEWER), 200).get("job").get("enabled").asBoolean()).isTrue();
    expect(app.post("/api/jobs/00000000-0000-0000-0000-000000000000/enable", TestServer.ADMIN, null), 404);
  }

  @Test
  void pathsOutsideTheAllowedRootsAreRefusedByField() throws Exception {
    String escape = app.dataDir.resolve("samples/../../..").toString();
    JsonNode refused = expect(app.post("/api/jobs", TestServer.ADMIN, body("outside", "PT26H", "/etc", "/")), 400);
    assertThat(refused.get("error").get("code").asText()).isEqualTo("path_not_allowed");
    assertThat(RestApiTest.fields(refused)).containsExactly("source.config.path", "copies[0].config.root");
    assertThat(refused.get("error").get("fields").get(0).get("message").asText()).contains("outside the allowed roots");
    // climbing out with .. is the same path
    JsonNode climbing = expect(app.post("/api/jobs", TestServer.ADMIN, body("climbing", "PT26H", escape, target())), 400);
    assertThat(RestApiTest.fields(climbing)).containsExactly("source.config.path");
    // so is a link inside a root that points out of it
    Path link = app.dataDir.resolve("samples/link-to-etc");
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, Path.of("/etc"));
    }
    JsonNode linked = expect(app.post("/api/jobs", TestServer.ADMIN, body("linked", "PT26H", link.toString(), target())), 400);
    assertThat(RestApiTest.fields(linked)).containsExactly("source.config.path");
    // and an update cannot point an existing job elsewhere
    String id = expect(app.post("/api/jobs", TestServer.ADMIN, body("lifecycle-3", "PT26H", sample(), target())), 201)
        .get("id").asText();
    expect(app.call("PUT", "/api/jobs/" + id, TestServer.ADMIN, body("lifecycle-3", "PT26H", "/etc", target())), 400);
    List<String> names = new ArrayList<>();
    expect(app.get("/api/jobs?limit=500", TestServer.VIEWER), 200).get("items")
        .forEach(i -> names.add(i.get("job").get("name").asText()));
    assertThat(names).doesNotContain("outside", "climbing", "linked");
  }
}
