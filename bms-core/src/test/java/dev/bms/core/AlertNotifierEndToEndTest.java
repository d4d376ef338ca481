package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.NotificationAttempt;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real notifier plugins (found by ServiceLoader) end to end: a real failed execution reaches
 * GreenMail over SMTP, and a local HTTP server in the generic, Slack and Teams formats.
 */
class AlertNotifierEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dir;
  AlertHarness h;
  HttpServer server;
  final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
  final AtomicInteger flakyCalls = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String path : List.of("/generic", "/slack", "/teams")) {
      server.createContext(path, exchange -> {
        bodies.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(read(exchange.getRequestBody()));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
    }
    // answers 500 twice, then 200
    server.createContext("/flaky", exchange -> {
      String body = read(exchange.getRequestBody());
      int call = flakyCalls.incrementAndGet();
      if (call > 2) {
        bodies.computeIfAbsent("/flaky", k -> new CopyOnWriteArrayList<>()).add(body);
      }
      exchange.sendResponseHeaders(call <= 2 ? 500 : 200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aRealFailedExecutionReachesEmailAndEveryWebhookFormat() throws Exception {
    h = new AlertHarness(dir, AlertHarness.config()
        .notifier("mail", "email", Map.of("host", "127.0.0.1", "port", String.valueOf(greenMail.getSmtp().getPort()),
            "tls", "NONE", "from", "bms@example.com", "to", "ops@example.com"))
        .notifier("generic", "webhook", Map.of("url", url("/generic")))
        .notifier("slack", "webhook", Map.of("url", url("/slack"), "format", "SLACK"))
        .notifier("teams", "webhook", Map.of("url", url("/teams"), "format", "TEAMS"))
        .notifier("flaky", "webhook", Map.of("url", url("/flaky"), "initialBackoff", "50ms", "maxAttempts", "5"))
        .route(AlertRoute.builder("ops").rules(AlertRule.EXECUTION_FAILED)
            .notifiers("mail", "generic", "slack", "teams", "flaky").build())
        .build());
    JobId job = h.failingJob("payroll-files", Map.of("team", "finance"));
    assertThat(h.bms.executions().runNow(job).status()).isEqualTo(ExecutionStatus.FAILED);
    AlertId alert = h.open(job, "execution-failed").get(0).id();

    await().atMost(Duration.ofSeconds(20)).until(() -> greenMail.getReceivedMessages().length == 1);
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("[bms] CRITICAL: Backup payroll-files failed");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
    String text = GreenMailUtil.getBody(mail);
    assertThat(text).contains("payroll-files").contains("execution-failed").contains(alert.toString());

    ObjectMapper json = new ObjectMapper();
    await().atMost(Duration.ofSeconds(20)).until(() -> List.of("/generic", "/slack", "/teams", "/flaky").stream()
        .allMatch(p -> bodies.containsKey(p)));
    JsonNode generic = json.readTree(bodies.get("/generic").get(0));
    assertThat(generic.get("kind").asText()).isEqualTo("FIRING");
    assertThat(generic.get("alerts").get(0).get("id").asText()).isEqualTo(alert.toString());
    assertThat(generic.get("alerts").get(0).get("job").asText()).isEqualTo("payroll-files");
    assertThat(generic.get("alerts").get(0).get("rule").asText()).isEqualTo("execution-failed");
    JsonNode slack = json.readTree(bodies.get("/slack").get(0));
    assertThat(slack.get("text").asText()).contains("Backup payroll-files failed");
    assertThat(slack.has("blocks")).isTrue();
    String teams = bodies.get("/teams").get(0);
    assertThat(json.readTree(teams).toString()).contains("Backup payroll-files failed");

    // 500, 500, 200: exactly one delivered message, and bms recorded one delivery
    await().until(() -> h.bms.alerts().notifications(alert).stream()
        .filter(n -> n.outcome() == NotificationAttempt.Outcome.DELIVERED).count() == 5);
    h.awaitDeliveries();
    assertThat(flakyCalls.get()).isEqualTo(3);
    assertThat(bodies.get("/flaky")).hasSize(1);
    assertThat(json.readTree(bodies.get("/flaky").get(0)).get("alerts").get(0).get("id").asText())
        .isEqualTo(alert.toString());
    assertThat(h.counter("bms.alerts.notified")).isEqualTo(5);
  }
}
