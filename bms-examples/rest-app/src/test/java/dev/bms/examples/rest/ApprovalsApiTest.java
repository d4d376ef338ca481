package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes approval over HTTP, on a server of its own with {@code four-eyes=true}: an admin's job
 * delete is held (202 with the request), listed, refused to its own requester and to an operator,
 * approved by a second admin (the delete runs once, as the requester) or rejected (it never runs),
 * and every step is in the audit trail.
 */
class ApprovalsApiTest {
  private static TestServer app;

  @BeforeAll
  static void start() {
    app = TestServer.withFourEyes("approvals");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String job(String name) throws Exception {
    Path source = Files.createDirectories(app.dataDir.resolve("samples/" + name));
    Files.writeString(source.resolve("a.txt"), "a");
    Path target = Files.createDirectories(app.dataDir.resolve("targets/" + name));
    return expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "%s", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(name, source, target)), 201).get("id").asText();
  }

  /** Deletes the job as the first admin; bms holds the call. */
  private static String heldDelete(String job) {
    HttpResponse<String> r = app.call("DELETE", "/api/jobs/" + job, TestServer.ADMIN, null);
    JsonNode held = expect(r, 202).get("approvalRequired");
    assertThat(held.get("action").asText()).isEqualTo("DELETE_JOB");
    assertThat(held.get("operation").asText()).isEqualTo("jobs.delete");
    String id = held.get("id").asText();
    assertThat(r.headers().firstValue("Location")).hasValue("/api/approvals/" + id);
    expect(app.get("/api/jobs/" + job, TestServer.VIEWER), 200); // not deleted yet
    return id;
  }

  @Test
  void aHeldDeleteRunsOnceWhenASecondAdminApprovesIt() throws Exception {
    String job = job("approve-me");
    String id = heldDelete(job);

    JsonNode pending = expect(app.get("/api/approvals", TestServer.ADMIN), 200);
    assertThat(pending.get("items")).anySatisfy(a -> {
      assertThat(a.get("id").asText()).isEqualTo(id);
      assertThat(a.get("status").asText()).isEqualTo("PENDING");
      assertThat(a.get("requester").get("id").asText()).isEqualTo("admin");
      assertThat(a.get("resource").get("id").asText()).isEqualTo(job);
      assertThat(a.get("summary").asText()).contains("approve-me");
    });

    // not by the requester, not by an operator: bms refuses both, the request stays pending
    JsonNode self = expect(app.post("/api/approvals/" + id + "/approve", TestServer.ADMIN, null), 403);
    assertThat(self.get("error").get("code").asText()).isEqualTo("self_approval");
    JsonNode operator = expect(app.post("/api/approvals/" + id + "/approve", TestServer.OPERATOR, null), 403);
    assertThat(operator.get("error").get("code").asText()).isEqualTo("forbidden");
    assertThat(operator.get("error").get("message").asText()).contains("approvals.approve");
    assertThat(expect(app.get("/api/approvals/" + id, TestServer.VIEWER), 200).get("status").asText())
        .isEqualTo("PENDING");

    JsonNode approved = expect(app.post("/api/approvals/" + id + "/approve", TestServer.SECOND_ADMIN,
        "{\"comment\": \"checked with finance\"}"), 200);
    assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
    assertThat(approved.get("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(approved.get("decidedBy").get("id").asText()).isEqualTo("second-admin");
    assertThat(approved.get("comment").asText()).isEqualTo("checked with finance");
    expect(app.get("/api/jobs/" + job, TestServer.VIEWER), 404);
    // once: a second approval is a conflict
    expect(app.post("/api/approvals/" + id + "/approve", TestServer.SECOND_ADMIN, null), 409);

    JsonNode trail = expect(app.get("/api/audit?operation=approvals.approve&actor=second-admin", TestServer.AUDITOR),
        200);
    assertThat(trail.get("items")).anySatisfy(r -> assertThat(r.get("outcome").asText()).isEqualTo("SUCCEEDED"));
    JsonNode deleted = expect(app.get("/api/audit?operation=jobs.delete&resourceType=job&resourceId=" + job,
        TestServer.AUDITOR), 200);
    assertThat(deleted.get("items")).anySatisfy(r -> {
      assertThat(r.get("actor").get("id").asText()).isEqualTo("admin"); // run as the requester
      assertThat(r.get("outcome").asText()).isEqualTo("SUCCEEDED");
    });
  }

  @Test
  void aRejectedDeleteNeverRuns() throws Exception {
    String job = job("reject-me");
    String id = heldDelete(job);
    JsonNode rejected = expect(app.post("/api/approvals/" + id + "/reject", TestServer.SECOND_ADMIN,
        "{\"reason\": \"payroll is audited until March\"}"), 200);
    assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("comment").asText()).isEqualTo("payroll is audited until March");
    expect(app.get("/api/jobs/" + job, TestServer.VIEWER), 200);
    expect(app.post("/api/approvals/" + id + "/approve", TestServer.SECOND_ADMIN, null), 409);
    JsonNode listed = expect(app.get("/api/approvals?status=rejected", TestServer.VIEWER), 200);
    assertThat(listed.get("items")).extracting(a -> a.get("id").asText()).contains(id);
    assertThat(expect(app.get("/api/approvals", TestServer.VIEWER), 200).get("items"))
        .noneSatisfy(a -> assertThat(a.get("id").asText()).isEqualTo(id));
  }

  @Test
  void badParametersAreNamed() {
    RestApiTest.assertField(app.get("/api/approvals?status=MAYBE", TestServer.ADMIN), 400, "status");
    RestApiTest.assertField(app.get("/api/approvals/not-an-id", TestServer.ADMIN), 400, "id");
    RestApiTest.assertField(app.post("/api/approvals/" + UUID.randomUUID() + "/reject", TestServer.SECOND_ADMIN,
        "{\"reason\": \"" + "x".repeat(501) + "\"}"), 400, "reason");
    expect(app.get("/api/approvals/" + UUID.randomUUID(), TestServer.ADMIN), 404);
    expect(app.post("/api/approvals/" + UUID.randomUUID() + "/approve", TestServer.SECOND_ADMIN, null), 404);
  }
}
