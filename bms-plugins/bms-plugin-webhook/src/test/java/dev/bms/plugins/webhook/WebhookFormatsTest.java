package dev.bms.plugins.webhook;

import dev.bms.testkit.notify.SampleNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends each format to a real local HTTP server and checks the JSON it received. */
class WebhookFormatsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RecordingHttpServer server;

  @BeforeEach
  void start() {
    server = RecordingHttpServer.answering(204);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode deliver(String format, Notification notification) throws IOException {
    Map<String, String> config = new HashMap<>(Map.of("url", server.url("/hooks/bms?token=abc").toString(),
        "format", format, "headers", "Authorization: Bearer t0ken; X-Team: ops"));
    try (Notifier n = new WebhookNotifierFactory().create(new PluginConfig("notifier 'webhook'", config), PluginContext.standalone())) {
      n.send(notification);
    }
    List<RecordingHttpServer.Received> received = server.received();
    assertThat(received).hasSize(1);
    RecordingHttpServer.Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hooks/bms?token=abc");
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.header("Idempotency-Key")).isEqualTo(notification.id());
    assertThat(request.header("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(request.header("X-Team")).isEqualTo("ops");
    JsonNode json = MAPPER.readTree(request.body());
    // Kept for docs/notifiers.md, which quotes these files.
    Path out = Path.of("target", "webhook-examples", format.toLowerCase() + "-" + notification.kind().name().toLowerCase() + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, MAPPER.writeValueAsString(json));
    return json;
  }

  @Test
  void genericDocumentCarriesEveryField() throws IOException {
    JsonNode json = deliver("GENERIC", SampleNotifications.firing());

    assertThat(fieldNames(json)).containsExactly("id", "kind", "title", "severity", "createdAt", "alerts");
    assertThat(json.get("id").asText()).isEqualTo("n-100");
    assertThat(json.get("kind").asText()).isEqualTo("FIRING");
    assertThat(json.get("title").asText()).isEqualTo("3 alerts on payroll-files and crm-db");
    assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(json.get("createdAt").asText()).isEqualTo("2026-03-03T02:01:00Z");

    JsonNode alerts = json.get("alerts");
    assertThat(alerts.size()).isEqualTo(3);
    JsonNode first = alerts.get(0);
    assertThat(fieldNames(first)).containsExactly("id", "rule", "severity", "title", "detail", "job", "labels",
        "count", "firstSeen", "lastSeen", "resolvedAt");
    assertThat(first.get("id").asText()).isEqualTo("al-1");
    assertThat(first.get("rule").asText()).isEqualTo("execution-failed");
    assertThat(first.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(first.get("title").asText()).isEqualTo("Backup payroll-files failed");
    assertThat(first.get("detail").asText()).isEqualTo("Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded");
    assertThat(first.get("job").asText()).isEqualTo("payroll-files");
    assertThat(first.get("labels").get("team").asText()).isEqualTo("finance");
    assertThat(first.get("labels").get("env").asText()).isEqualTo("prod");
    assertThat(first.get("count").isInt()).isTrue();
    assertThat(first.get("count").asInt()).isEqualTo(3);
    assertThat(first.get("firstSeen").asText()).isEqualTo("2026-03-01T02:00:13Z");
    assertThat(first.get("lastSeen").asText()).isEqualTo("2026-03-03T02:00:41Z");
    assertThat(first.get("resolvedAt").isNull()).isTrue();
    // Raw values, not escaped: escaping is the receiver's business in a generic document.
    assertThat(alerts.get(1).get("title").asText()).isEqualTo("RPO exceeded for <script>alert(1)</script>");
    assertThat(alerts.get(2).get("severity").asText()).isEqualTo("INFO");
    assertThat(alerts.get(2).get("job").isNull()).isTrue();
    assertThat(alerts.get(2).get("labels").isObject()).isTrue();
    assertThat(alerts.get(2).get("labels").size()).isZero();
  }

  @Test
  void genericResolvedCarriesResolvedAt() throws IOException {
    JsonNode json = deliver("GENERIC", SampleNotifications.resolved());
    assertThat(json.get("kind").asText()).isEqualTo("RESOLVED");
    assertThat(json.get("alerts").get(0).get("resolvedAt").asText()).isEqualTo("2026-03-04T02:05:00Z");
  }

  @Test
  void slackMessageHasFallbackTextHeaderAndOneSectionPerAlert() throws IOException {
    JsonNode json = deliver("SLACK", SampleNotifications.firing());

    assertThat(json.get("text").asText()).isEqualTo(":red_circle: [CRITICAL] Backup payroll-files failed (+2 more)");
    JsonNode blocks = json.get("blocks");
    assertThat(blocks.size()).isEqualTo(2 + 3);
    JsonNode header = blocks.get(0);
    assertThat(header.get("type").asText()).isEqualTo("header");
    assertThat(header.at("/text/type").asText()).isEqualTo("plain_text");
    assertThat(header.at("/text/text").asText()).isEqualTo(":red_circle: Firing: 3 alerts on payroll-files and crm-db");
    assertThat(header.at("/text/emoji").asBoolean()).isTrue();
    assertThat(blocks.get(1).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(1).at("/elements/0/text").asText())
        .isEqualTo("3 alerts firing, most severe CRITICAL · 2026-03-03T02:01:00Z · notification n-100");

    JsonNode critical = blocks.get(2);
    assertThat(critical.get("type").asText()).isEqualTo("section");
    assertThat(critical.at("/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(critical.at("/text/text").asText()).isEqualTo(
        ":red_circle: *CRITICAL* · *Backup payroll-files failed*\n```Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded```");
    assertThat(critical.get("fields")).extracting(f -> f.get("text").asText()).containsExactly(
        "*Job*\npayroll-files", "*Rule*\nexecution-failed", "*Seen*\n3 times", "*First seen*\n2026-03-01T02:00:13Z",
        "*Last seen*\n2026-03-03T02:00:41Z", "*Labels*\nenv=prod, team=finance", "*Alert id*\nal-1");

    JsonNode warning = blocks.get(3);
    // <, > and & would start links and mentions in Slack's mrkdwn: escaped.
    assertThat(warning.at("/text/text").asText()).startsWith(
        ":large_orange_circle: *WARNING* · *RPO exceeded for &lt;script&gt;alert(1)&lt;/script&gt;*")
        .contains("last good backup \"nightly\" &amp; &lt;b&gt;old&lt;/b&gt;");
    assertThat(blocks.get(4).at("/text/text").asText()).startsWith(":large_blue_circle: *INFO* · *Verification skipped*")
        .doesNotContain("```");
  }

  @Test
  void slackResolvedShowsACheckMark() throws IOException {
    JsonNode json = deliver("SLACK", SampleNotifications.resolved());
    assertThat(json.get("text").asText()).isEqualTo(":white_check_mark: [RESOLVED] Backup payroll-files failed");
    assertThat(json.at("/blocks/0/text/text").asText()).isEqualTo(":white_check_mark: Resolved: Backup payroll-files failed");
    assertThat(json.at("/blocks/2/fields")).extracting(f -> f.get("text").asText())
        .contains("*Resolved*\n2026-03-04T02:05:00Z");
  }

  @Test
  void teamsMessageCarriesAnAdaptiveCard() throws IOException {
    JsonNode json = deliver("TEAMS", SampleNotifications.firing());

    assertThat(json.get("type").asText()).isEqualTo("message");
    assertThat(json.get("attachments").size()).isEqualTo(1);
    JsonNode attachment = json.get("attachments").get(0);
    assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.get("version").asText()).isEqualTo("1.4");
    assertThat(card.get("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");

    JsonNode body = card.get("body");
    assertThat(body.size()).isEqualTo(2 + 3);
    assertThat(body.get(0).get("type").asText()).isEqualTo("TextBlock");
    assertThat(body.get(0).get("text").asText()).isEqualTo("Firing: 3 alerts on payroll-files and crm-db");
    assertThat(body.get(0).get("color").asText()).isEqualTo("Attention");
    assertThat(body.get(1).get("text").asText()).startsWith("3 alerts firing, most severe CRITICAL");

    JsonNode critical = body.get(2);
    assertThat(critical.get("type").asText()).isEqualTo("Container");
    JsonNode items = critical.get("items");
    assertThat(items.get(0).get("text").asText()).isEqualTo("CRITICAL · Backup payroll-files failed");
    assertThat(items.get(0).get("color").asText()).isEqualTo("Attention");
    assertThat(items.get(1).get("text").asText()).isEqualTo("Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded");
    assertThat(items.get(2).get("type").asText()).isEqualTo("FactSet");
    assertThat(items.get(2).get("facts")).extracting(f -> f.get("title").asText() + "=" + f.get("value").asText())
        .containsExactly("Job=payroll-files", "Rule=execution-failed", "Seen=3 times", "First seen=2026-03-01T02:00:13Z",
            "Last seen=2026-03-03T02:00:41Z", "Labels=env=prod, team=finance", "Alert id=al-1");
    assertThat(body.get(3).at("/items/0/color").asText()).isEqualTo("Warning");
    assertThat(body.get(4).at("/items/0/color").asText()).isEqualTo("Accent");
    // an alert without detail has no empty TextBlock
    assertThat(body.get(4).get("items").size()).isEqualTo(2);
  }

  @Test
  void teamsDigestSummarisesSeverities() throws IOException {
    JsonNode json = deliver("TEAMS", SampleNotifications.digest());
    JsonNode body = json.at("/attachments/0/content/body");
    assertThat(body.get(0).get("text").asText()).isEqualTo("Digest: Daily digest");
    assertThat(body.get(1).get("text").asText())
        .isEqualTo("3 alerts still open (1 critical, 1 warning, 1 info) · 2026-03-03T02:01:00Z · notification n-102");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
