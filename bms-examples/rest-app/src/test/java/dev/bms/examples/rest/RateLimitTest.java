package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 429 over real HTTP, on a server of its own with a tight limit (a burst of 10, then one request
 * per second) and no sample data.
 */
class RateLimitTest {
  private static final RateLimit TIGHT = new RateLimit(10, 1);
  private static RestServer server;
  private static Path dataDir;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("bms-rest-ratelimit");
    server = RestServer.start(TestServer.config(dataDir, 0, TIGHT));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    TestServer.deleteTree(dataDir);
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).GET();
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientOverItsBucketGets429WhileOtherClientsAreServed() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> r = get("/health", TestServer.VIEWER);
      statuses.add(r.statusCode());
      if (r.statusCode() == 429) {
        limited = r;
      }
    }
    long ok = statuses.stream().filter(s -> s == 200).count();
    // The burst of 10 passes, plus at most what refilled at 1/s while the 30 requests ran.
    assertThat(ok).as(statuses.toString()).isGreaterThanOrEqualTo(10).isLessThan(30);
    assertThat(statuses).containsOnly(200, 429);
    assertThat(limited).isNotNull();
    SecurityTest.assertSecurityHeaders(limited);
    assertThat(Json.MAPPER.readTree(limited.body()).get("error").get("code").asText()).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));

    // Buckets are per client: the admin's is untouched.
    assertThat(get("/health", TestServer.ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void guessingKeysIsThrottledByClientAddress() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      statuses.add(get("/api/jobs", "guess-" + i + "-0123456789abcdef").statusCode());
    }
    assertThat(statuses).containsOnly(401, 429).contains(429);
    assertThat(statuses.subList(0, 10)).containsOnly(401);
  }
}
