package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Authentication, roles, CSRF, rate limiting and security headers, over real HTTP. */
@ExtendWith(TestServerExtension.class)
class SecurityTest {
  private static TestServer app;
  private static String jobId;

  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> OPERATE = EnumSet.of(Role.OPERATOR, Role.ADMIN);
  private static final Set<Role> CONFIGURE = EnumSet.of(Role.ADMIN);
  private static final Set<Role> AUDIT = EnumSet.of(Role.ADMIN, Role.AUDITOR);
  private static final Map<Role, String> KEYS = Map.of(Role.VIEWER, TestServer.VIEWER, Role.OPERATOR,
      TestServer.OPERATOR, Role.ADMIN, TestServer.ADMIN, Role.AUDITOR, TestServer.AUDITOR);
  private static String validJob;

  /**
   * An endpoint, the roles that may call it (bms's role policy for everything that calls bms), and
   * its POST body: a valid one where the app reads the body before bms decides.
   */
  record Endpoint(String method, String path, Set<Role> allowed, String body) {
    Endpoint(String method, String path, Set<Role> allowed) {
      this(method, path, allowed, "{}");
    }
  }

  private static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("GET", "/api/jobs", ALL),
        new Endpoint("GET", "/api/jobs/" + jobId, ALL),
        new Endpoint("POST", "/api/jobs", CONFIGURE, validJob),
        new Endpoint("POST", "/api/jobs/" + jobId + "/disable", CONFIGURE),
        new Endpoint("POST", "/api/jobs/" + jobId + "/run", OPERATE),
        new Endpoint("GET", "/api/executions", ALL),
        new Endpoint("GET", "/api/alerts", ALL),
        new Endpoint("GET", "/api/alerts/groups", ALL),
        new Endpoint("POST", "/api/alerts/" + UUID.randomUUID() + "/ack", OPERATE),
        new Endpoint("GET", "/api/reports/success-rate", ALL),
        new Endpoint("GET", "/api/reports/compliance?format=csv", ALL),
        new Endpoint("GET", "/api/reports/alert-acknowledgement", ALL),
        new Endpoint("GET", "/api/reports/job-history?jobId=" + jobId, ALL),
        new Endpoint("GET", "/api/compliance", ALL),
        new Endpoint("GET", "/api/stats", ALL),
        new Endpoint("GET", "/api/audit", AUDIT),
        new Endpoint("GET", "/api/audit/verify", AUDIT),
        new Endpoint("GET", "/api/session", ALL),
        new Endpoint("GET", "/metrics", ALL),
        new Endpoint("GET", "/health", ALL),
        new Endpoint("GET", "/dashboard", ALL),
        new Endpoint("GET", "/audit", ALL),
        new Endpoint("POST", "/logout", ALL));
  }

  @BeforeAll
  static void start(TestServer server) throws Exception {
    app = server;
    JsonNode page = Json.MAPPER.readTree(app.get("/api/jobs?name=payroll-files", TestServer.VIEWER).body());
    jobId = page.get("items").get(0).get("job").get("id").asText();
    Path target = Files.createDirectories(app.dataDir.resolve("targets/security"));
    validJob = """
        {"name": "security-probe", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(app.dataDir.resolve("samples/wiki"), target);
  }

  private static HttpResponse<String> call(Endpoint e, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(e.path()))
        .method(e.method(), e.method().equals("POST") ? HttpRequest.BodyPublishers.ofString(e.body()) : HttpRequest.BodyPublishers.noBody());
    if (e.method().equals("POST")) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    return app.send(b);
  }

  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("error").get("code").asText()).isEqualTo(code);
    assertSecurityHeaders(r);
  }

  static void assertSecurityHeaders(HttpResponse<?> r) {
    TestServer.SECURITY_HEADERS.forEach((name, value) ->
        assertThat(r.headers().firstValue(name)).as(name + " on " + r.request().method() + " " + r.uri() + " -> " + r.statusCode())
            .hasValue(value));
  }

  @Test
  void everyEndpointAnswers401WithoutOrWithBadCredentials() throws Exception {
    for (Endpoint e : endpoints()) {
      HttpResponse<String> none = call(e, Map.of());
      assertError(none, 401, "unauthenticated");
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertError(call(e, Map.of("X-API-Key", "wrong-key-0123456789abcdef")), 401, "invalid_credentials");
      assertError(call(e, Map.of("Authorization", "Bearer wrong-key-0123456789abcdef")), 401, "invalid_credentials");
      assertError(call(e, Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401, "invalid_credentials");
      assertError(call(e, Map.of("Cookie", SessionStore.COOKIE + "=forged")), 401, "invalid_credentials");
    }
  }

  @Test
  void everyEndpointAnswers403ToATooWeakRole() throws Exception {
    int checked = 0;
    for (Endpoint e : endpoints()) {
      for (Role role : Role.values()) {
        if (!e.allowed().contains(role)) {
          assertError(call(e, Map.of("X-API-Key", KEYS.get(role))), 403, "forbidden");
          checked++;
        }
      }
    }
    // create and disable: viewer, operator, auditor; run and ack: viewer, auditor; audit search and verify: viewer, operator
    assertThat(checked).isEqualTo(14);
    // bms decided, as the caller's actor, and recorded each refusal
    JsonNode denied = Json.MAPPER.readTree(app.get("/api/audit?outcome=DENIED&operation=jobs.create&actor=operator",
        TestServer.AUDITOR).body());
    assertThat(denied.get("items")).isNotEmpty();
    assertThat(denied.get("items").get(0).get("actor").get("kind").asText()).isEqualTo("service");
    assertThat(app.get("/api/jobs?name=security-probe", TestServer.VIEWER).body()).doesNotContain("security-probe");
  }

  @Test
  void bearerTokensWorkLikeApiKeys() {
    HttpResponse<String> r = app.send(HttpRequest.newBuilder(app.uri("/api/jobs?limit=1"))
        .header("Authorization", "Bearer " + TestServer.VIEWER).GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertSecurityHeaders(r);
  }

  @Test
  void securityHeadersOnEveryKindOfResponse() {
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      if (e.method().equals("GET")) {
        responses.add(app.get(e.path(), TestServer.ADMIN));
      }
    }
    responses.add(app.get("/login", null));
    responses.add(app.get("/assets/dashboard.js", null));
    responses.add(app.get("/no/such/page", TestServer.ADMIN));
    responses.add(app.post("/api/jobs", TestServer.ADMIN, "{broken"));
    responses.add(app.get("/", null));
    for (HttpResponse<String> r : responses) {
      assertSecurityHeaders(r);
      assertThat(r.headers().firstValue("Server")).isEmpty();
    }
  }

  @Test
  void errorsNeverCarryStackTraces() throws Exception {
    List<HttpResponse<String>> errors = List.of(
        app.post("/api/jobs", TestServer.ADMIN, "{\"name\": [1, 2"),
        app.post("/api/jobs", TestServer.ADMIN, "{\"name\": {\"nested\": true}, \"copies\": 5}"),
        app.get("/api/jobs/%00", TestServer.ADMIN),
        app.get("/api/executions?cursor=" + "A".repeat(600), TestServer.ADMIN),
        app.post("/api/jobs/" + jobId + "/run", TestServer.VIEWER, null));
    for (HttpResponse<String> r : errors) {
      assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
      assertThat(r.body()).doesNotContain("Exception", "\tat ", "at dev.bms", "at io.javalin", "jackson");
      assertThat(Json.MAPPER.readTree(r.body()).get("error").get("code").asText()).isNotBlank();
      assertSecurityHeaders(r);
    }
  }

  @Test
  void dashboardLoginSetsAStrictHttpOnlyCookieAndPostsNeedTheCsrfToken() throws Exception {
    HttpResponse<String> browser = app.send(HttpRequest.newBuilder(app.uri("/dashboard")).header("Accept", "text/html").GET());
    assertThat(browser.statusCode()).isEqualTo(303);
    assertThat(browser.headers().firstValue("Location")).hasValue("/login");

    HttpResponse<String> wrong = app.send(form("apiKey=not-a-key-at-all-000"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not valid");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> login = app.send(form("apiKey=" + TestServer.OPERATOR));
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/dashboard");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith(SessionStore.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> page = app.send(HttpRequest.newBuilder(app.uri("/dashboard")).header("Cookie", cookie).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode session = Json.MAPPER.readTree(app.send(HttpRequest.newBuilder(app.uri("/api/session")).header("Cookie", cookie).GET()).body());
    assertThat(session.get("role").asText()).isEqualTo("operator");
    String csrf = session.get("csrfToken").asText();
    assertThat(csrf).hasSizeGreaterThan(30);

    HttpResponse<String> withoutToken = app.send(HttpRequest.newBuilder(app.uri("/api/jobs/" + jobId + "/run"))
        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()));
    assertError(withoutToken, 403, "csrf_token_invalid");
    HttpResponse<String> withToken = app.send(HttpRequest.newBuilder(app.uri("/api/jobs/" + jobId + "/run"))
        .header("Cookie", cookie).header(AccessControl.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);

    HttpResponse<String> logout = app.send(HttpRequest.newBuilder(app.uri("/logout"))
        .header("Cookie", cookie).header(AccessControl.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(logout.statusCode()).isEqualTo(204);
    assertError(app.send(HttpRequest.newBuilder(app.uri("/api/session")).header("Cookie", cookie).GET()), 401, "invalid_credentials");
  }

  private static HttpRequest.Builder form(String body) {
    return HttpRequest.newBuilder(app.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
