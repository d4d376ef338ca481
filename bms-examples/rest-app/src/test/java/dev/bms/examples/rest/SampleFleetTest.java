package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --sample-jobs} seeds a fleet with reported history beside the sample estate, and
 * {@code --raw-endpoints} serves the load test's plain-JDBC baseline: it must read the same data
 * the real endpoints answer, or the load test compares bms with something else.
 */
class SampleFleetTest {
  private static final int FLEET = 60;
  private static final int DAYS = 4;
  private static RestServer server;
  private static Path dataDir;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("bms-rest-fleet");
    AppConfig local = TestServer.config(dataDir, DAYS, TestServer.LIMIT);
    server = RestServer.start(new AppConfig(local.host(), 0, dataDir, local.postgresUrl(), "postgres", "",
        local.postgresSchema(), local.redisAddress(), local.redisKeyPrefix(), local.apiKeys(), false,
        local.rateLimit(), DAYS, FLEET, true, 15, local.allowedRoots()));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      TestServer.deleteTree(dataDir);
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path))
        .header("X-API-Key", TestServer.VIEWER).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void seedsTheFleetBesideTheSampleEstate() throws Exception {
    JsonNode stats = get("/api/stats");
    assertThat(stats.get("jobs").asLong()).isEqualTo(SampleData.JOB_NAMES.size() + FLEET);
    JsonNode fleetJob = get("/api/jobs?name=fleet-00008").get("items").get(0);
    // one job in 50 (the 8th, the 58th...) has failed for its last three days
    assertThat(fleetJob.get("lastExecution").get("status").asText()).isEqualTo("FAILED");
    assertThat(fleetJob.get("job").get("enabled").asBoolean()).as("enabled once its history is imported").isTrue();
    JsonNode compliance = get("/api/compliance");
    assertThat(compliance.get("jobs").asLong()).as("the fleet is judged once seeded")
        .isGreaterThanOrEqualTo(FLEET);
  }

  @Test
  void rawStatsReadTheSameCountersAsTheApi() throws Exception {
    JsonNode api = get("/api/stats");
    JsonNode raw = get("/raw/stats");
    assertThat(raw.get("jobs").asLong()).isEqualTo(api.get("jobs").asLong());
    for (String status : new String[] {"SUCCEEDED", "PARTIAL", "FAILED"}) {
      assertThat(raw.get("jobsByLastStatus").path(status).asLong()).as(status)
          .isEqualTo(api.get("jobsByLastStatus").get(status).asLong());
    }
    assertThat(raw.get("firingAlerts")).isEqualTo(api.get("firingAlerts"));
    assertThat(raw.get("successByDay").size()).isEqualTo(api.get("successByDay").size());
    for (int d = 0; d < api.get("successByDay").size(); d++) {
      assertThat(raw.get("successByDay").get(d).get("finished").asLong()).as("day " + d)
          .isEqualTo(api.get("successByDay").get(d).get("finished").asLong());
    }
  }

  @Test
  void rawPagesHoldTheSameRowsAsTheApi() throws Exception {
    JsonNode api = get("/api/compliance?limit=100");
    JsonNode raw = get("/raw/compliance");
    assertThat(raw.get("results").size()).isEqualTo(api.get("results").size());
    assertThat(raw.get("results").get(0).get("job_id").asText())
        .isEqualTo(api.get("results").get(0).get("jobId").asText());
    JsonNode apiAlerts = get("/api/alerts?limit=100");
    JsonNode rawAlerts = get("/raw/alerts");
    assertThat(rawAlerts.get("items").size()).isEqualTo(apiAlerts.get("items").size()).isPositive();
    assertThat(rawAlerts.get("items").get(0).get("id").asText()).isEqualTo(apiAlerts.get("items").get(0).get("id").asText());
    assertThat(get("/raw/reports/success-rate").get("rows").size()).isEqualTo(30);
  }

  @Test
  void alertGroupsCountEveryOpenAlertCriticalFirst() throws Exception {
    // Background work (compliance sweep, RPO checks) may change alerts between the two reads: they
    // are compared until one round agrees.
    JsonNode groups;
    long listed;
    int rounds = 0;
    do {
      groups = get("/api/alerts/groups");
      listed = 0;
      String cursor = null;
      do {
        JsonNode page = get("/api/alerts?limit=20" + (cursor == null ? "" : "&cursor=" + cursor));
        listed += page.get("items").size();
        cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
      } while (cursor != null);
    } while (groups.get("total").asLong() != listed && ++rounds < 20);
    assertThat(groups.get("total").asLong()).as("more alerts than one page").isEqualTo(listed).isGreaterThan(20);
    int previous = -1;
    for (JsonNode g : groups.get("items")) {
      int rank = dev.bms.api.model.Severity.valueOf(g.get("severity").asText()).ordinal();
      assertThat(rank).isGreaterThanOrEqualTo(previous);
      previous = rank;
      assertThat(g.get("total").asLong()).isEqualTo(g.get("firing").asLong() + g.get("acknowledged").asLong());
    }
    assertThat(get("/api/alerts/groups?severity=CRITICAL").get("items")).allSatisfy(
        g -> assertThat(g.get("severity").asText()).isEqualTo("CRITICAL"));
  }

  @Test
  void aFleetNeedsSeedDays() {
    AppConfig local = TestServer.config(dataDir, 0, TestServer.LIMIT);
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--sample-jobs=10", "--seed-days=0", "--api-keys=" + "a:admin:" + "x".repeat(20)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleJobs");
    assertThat(local.sampleJobs()).isZero();
  }
}
