package dev.bms.examples.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One app (embedded H2, seeded with a week of history) shared by the test classes of a run, over
 * real HTTP. Closed when the run ends.
 */
final class TestServer implements ExtensionContext.Store.CloseableResource {
  static final String VIEWER = "viewer-key-0123456789abcdef";
  static final String OPERATOR = "operator-key-0123456789abcdef";
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final String AUDITOR = "auditor-key-0123456789abcdef";
  static final String BROWSER = "browser-key-0123456789abcdef";
  /** A second admin, on the four-eyes servers only: approves what {@link #ADMIN} asked. */
  static final String SECOND_ADMIN = "second-admin-key-0123456789abcdef";
  /** High enough never to trip in functional tests; {@link RateLimitTest} runs its own tight server. */
  static final RateLimit LIMIT = new RateLimit(100_000, 10_000);

  final RestServer server;
  final Path dataDir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(RestServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** The run's server, started on first use. */
  static TestServer get(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestServer.class, k -> start(), TestServer.class);
  }

  static AppConfig config(Path dataDir, int seedDays, RateLimit limit) {
    return new AppConfig("127.0.0.1", 0, dataDir, java.util.Optional.empty(), "postgres", "",
        java.util.Optional.empty(), java.util.Optional.empty(), "bms-rest", List.of(
            new ApiKey("viewer", VIEWER, Role.VIEWER),
            new ApiKey("operator", OPERATOR, Role.OPERATOR),
            new ApiKey("admin", ADMIN, Role.ADMIN),
            new ApiKey("auditor", AUDITOR, Role.AUDITOR),
            new ApiKey("browser", BROWSER, Role.OPERATOR)),
        false, limit, seedDays, 0, false, 2, List.of(dataDir));
  }

  /**
   * A server of its own with four-eyes approval on, no sample data, and the keys of {@link #config}
   * plus {@link #SECOND_ADMIN}; close it with {@link #close()}.
   */
  static TestServer withFourEyes(String name) {
    try {
      Path dir = Files.createTempDirectory("bms-rest-" + name);
      AppConfig c = config(dir, 0, LIMIT);
      List<ApiKey> keys = new java.util.ArrayList<>(c.apiKeys());
      keys.add(new ApiKey("second-admin", SECOND_ADMIN, Role.ADMIN));
      AppConfig fourEyes = new AppConfig(c.host(), c.port(), c.dataDir(), c.postgresUrl(), c.postgresUser(),
          c.postgresPassword(), c.postgresSchema(), c.redisAddress(), c.redisKeyPrefix(), keys, false, c.rateLimit(),
          0, 0, false, c.refreshSeconds(), c.allowedRoots(), true);
      return new TestServer(RestServer.start(fourEyes), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestServer start() {
    try {
      Path dir = Files.createTempDirectory("bms-rest-test");
      return new TestServer(RestServer.start(config(dir, 7, LIMIT)), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return send(b);
  }

  HttpResponse<String> post(String path, String key, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return send(b);
  }

  /** Any method, with an optional JSON body and extra headers (name, value, name, value...). */
  HttpResponse<String> call(String method, String path, String key, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("X-API-Key", key);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  /** The body as JSON. */
  static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** The body as JSON, after checking the status and that it is JSON. */
  static com.fasterxml.jackson.databind.JsonNode expect(HttpResponse<String> response, int status) {
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> org.assertj.core.api.Assertions.assertThat(v).startsWith("application/json"));
    return json(response);
  }

  /** Headers every response must carry, with their values. */
  static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Content-Security-Policy", SecurityHeaders.CSP,
      "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "strict-origin-when-cross-origin",
      "Permissions-Policy", SecurityHeaders.PERMISSIONS);

  @Override
  public void close() throws IOException {
    server.close();
    deleteTree(dataDir);
  }

  static void deleteTree(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
