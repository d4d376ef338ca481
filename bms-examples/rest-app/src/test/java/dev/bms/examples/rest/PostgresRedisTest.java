package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The app on the production setup: PostgreSQL (a schema of its own, dropped afterwards) and Redis
 * (a key prefix of its own, deleted afterwards), both the real local services.
 */
class PostgresRedisTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String SCHEMA = "bms_rest_" + SUFFIX;
  private static final String PREFIX = "bms-rest-test-" + SUFFIX;

  private static RestServer server;
  private static Path dataDir;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("bms-rest-pg");
    AppConfig local = TestServer.config(dataDir, 2, TestServer.LIMIT);
    AppConfig config = new AppConfig(local.host(), 0, dataDir, Optional.of(PG_URL), "postgres", "",
        Optional.of(SCHEMA), Optional.of(REDIS), PREFIX, local.apiKeys(), false, local.rateLimit(), 2, 0, false, 15,
        local.allowedRoots());
    server = RestServer.start(config);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
      Config redis = new Config();
      redis.useSingleServer().setAddress(REDIS);
      RedissonClient client = Redisson.create(redis);
      try {
        client.getKeys().deleteByPattern(PREFIX + "*");
      } finally {
        client.shutdown();
      }
      TestServer.deleteTree(dataDir);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).header("X-API-Key", TestServer.VIEWER).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void seedsServesAndReportsRedisHealthOnPostgres() throws Exception {
    JsonNode health = Json.MAPPER.readTree(get("/health").body());
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("checks").get("storage").get("detail").asText()).isEqualTo("PostgreSQL + Redis");
    assertThat(health.get("checks").get("redis").get("status").asText()).isEqualTo("UP");

    JsonNode jobs = Json.MAPPER.readTree(get("/api/jobs?limit=100").body());
    assertThat(jobs.get("items")).hasSize(SampleData.JOB_NAMES.size());
    JsonNode executions = Json.MAPPER.readTree(get("/api/executions?limit=500").body());
    assertThat(executions.get("items").size()).isGreaterThan(10);

    // The tables really are in the test's own schema.
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
         var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + SCHEMA + ".bms_job")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(SampleData.JOB_NAMES.size());
    }

    String id = jobs.get("items").get(0).get("job").get("id").asText();
    HttpResponse<String> run = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/jobs/" + id + "/run"))
        .header("X-API-Key", TestServer.OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(run.body()).get("status").asText()).isIn(List.of("SUCCEEDED", "PARTIAL"));
  }
}
