package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric named in a query of observability/grafana/*.json or an expression of
 * observability/prometheus/bms-rules.yml exists in the rest-app's /metrics after its seeded week of
 * real managed and reported runs (failures, verifications, alerts among them). A name may be missing
 * only if it is in {@link #ALLOWED_MISSING}, with the reason.
 */
@ExtendWith(TestServerExtension.class)
class MetricsExistTest {
  /** Meters created at their first event, which a healthy single-instance week without notifiers lacks. */
  static final Map<String, String> ALLOWED_MISSING = Map.ofEntries(
      Map.entry("bms_alerts_sla_breaches_total", "counted at the first acknowledgement SLA breach"),
      Map.entry("bms_alerts_undeliverable_total", "counted per notifier; the test app configures no notifier"),
      Map.entry("bms_alerts_delivery_failed_total", "counted per notifier; the test app configures no notifier"),
      Map.entry("bms_alerts_notified_total", "counted per notifier; the test app configures no notifier"),
      Map.entry("bms_alerts_queue_size", "one gauge per notifier; the test app configures no notifier"),
      Map.entry("bms_alerts_rate_limited_total", "counted per notifier; the test app configures no notifier"),
      Map.entry("bms_alerts_dropped_total", "counted per notifier; the test app configures no notifier"),
      Map.entry("bms_executions_abandoned_total", "counted when an instance dies mid-run (lease expiry)"),
      Map.entry("bms_executions_lease_lost_total", "counted when an instance loses a lease mid-run"),
      Map.entry("bms_cache_redis_errors_total", "recorded by bms-cache-redis; this app runs on the local cache"
          + " (PostgresRedisTest runs it with Redis)"),
      Map.entry("bms_scheduler_fires_total", "counted at the first scheduled fire; the seeded jobs' next fire"
          + " times are in the future"));

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "and", "or", "unless", "on", "ignoring",
      "group_left", "group_right", "bool", "offset", "inf", "nan");

  @Test
  void everyMetricTheDashboardsAndRulesNameIsScraped(TestServer app) throws Exception {
    HttpResponse<String> metrics = app.get("/metrics", TestServer.VIEWER);
    assertThat(metrics.statusCode()).isEqualTo(200);
    Set<String> scraped = new TreeSet<>();
    metrics.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> scraped.add(l.split("[{ ]", 2)[0]));

    Map<String, String> named = new TreeMap<>(); // metric -> where
    Path root = Path.of(System.getProperty("user.dir")).resolve("../../observability").normalize();
    ObjectMapper json = new ObjectMapper();
    try (var files = Files.list(root.resolve("grafana"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        json.readTree(f.toFile()).findValues("expr").forEach(e -> names(e.asText())
            .forEach(n -> named.putIfAbsent(n, f.getFileName().toString())));
      }
    }
    for (String line : Files.readAllLines(root.resolve("prometheus/bms-rules.yml"))) {
      String t = line.trim();
      if (t.startsWith("expr:")) {
        names(t.substring(5)).forEach(n -> named.putIfAbsent(n, "bms-rules.yml"));
      }
    }
    assertThat(named).as("names parsed from the pack").containsKeys("bms_executions_total",
        "bms_execution_duration_seconds_bucket", "bms_compliance_jobs", "bms_scheduler_lag_seconds");

    Map<String, String> missing = new TreeMap<>();
    named.forEach((n, where) -> {
      if (!scraped.contains(n) && !ALLOWED_MISSING.containsKey(n)) {
        missing.put(n, where);
      }
    });
    assertThat(missing).as("metrics named by the pack but not in the scrape (name -> file)").isEmpty();
    assertThat(ALLOWED_MISSING.keySet()).as("allow-list entries the pack still names").allMatch(named::containsKey);
  }

  /** Metric names in a PromQL expression: label matchers, ranges, strings, grouping lists and functions removed. */
  static Set<String> names(String expr) {
    String e = expr.replaceAll("\"[^\"]*\"", "\"\"")
        .replaceAll("\\{[^}]*\\}", " ")
        .replaceAll("\\[[^\\]]*\\]", " ")
        .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = NAME.matcher(e);
    while (m.find()) {
      String n = m.group();
      boolean call = e.substring(m.end()).stripLeading().startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
      if (!call && !number && !PROMQL_WORDS.contains(n.toLowerCase(java.util.Locale.ROOT)) && !n.startsWith("$")) {
        out.add(n);
      }
    }
    return out;
  }
}
