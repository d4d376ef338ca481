package dev.bms.plugins.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Microsoft Teams message with one Adaptive Card (schema 1.4), the shape both Teams workflow
 * webhooks ("Post to a channel when a webhook request is received") and the older connectors
 * accept: {@code {"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","content":{...}}]}}. One container per alert, with
 * its severity as the text color and its facts in a FactSet. Teams rejects large cards (about
 * 28 KB), so alerts beyond {@link #MAX_ALERTS} are counted, not shown.
 */
final class TeamsPayload implements PayloadRenderer {
  static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  static final int MAX_ALERTS = 20;

  @Override
  public ObjectNode render(Notification n) {
    ObjectNode root = JSON.objectNode();
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", CARD_CONTENT_TYPE);
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.putObject("msteams").put("width", "Full");

    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", Wording.heading(n)).put("size", "Large")
        .put("weight", "Bolder").put("color", color(n, n.severity())).put("wrap", true);
    body.addObject().put("type", "TextBlock").put("text", Wording.summary(n)).put("isSubtle", true)
        .put("spacing", "None").put("wrap", true);

    List<NotifiedAlert> alerts = n.alerts();
    int shown = Math.min(alerts.size(), MAX_ALERTS);
    for (NotifiedAlert a : alerts.subList(0, shown)) {
      body.add(container(n, a));
    }
    if (alerts.size() > shown) {
      body.addObject().put("type", "TextBlock").put("text", "… and " + (alerts.size() - shown)
          + " more alerts not shown").put("isSubtle", true).put("wrap", true);
    }
    return root;
  }

  private static ObjectNode container(Notification n, NotifiedAlert a) {
    ObjectNode container = JSON.objectNode().put("type", "Container").put("separator", true)
        .put("spacing", "Medium");
    ArrayNode items = container.putArray("items");
    items.addObject().put("type", "TextBlock").put("text", a.severity() + " · " + a.title())
        .put("weight", "Bolder").put("color", color(n, a.severity())).put("wrap", true);
    if (!a.detail().isBlank()) {
      items.addObject().put("type", "TextBlock").put("text", Wording.truncate(a.detail(), 2_000))
          .put("wrap", true).put("spacing", "Small");
    }
    ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
    a.jobName().ifPresent(job -> fact(facts, "Job", job));
    fact(facts, "Rule", a.rule());
    fact(facts, "Seen", Wording.count(a.count()));
    fact(facts, "First seen", a.firstSeen().toString());
    fact(facts, "Last seen", a.lastSeen().toString());
    a.resolvedAt().ifPresent(at -> fact(facts, "Resolved", at.toString()));
    if (!a.labels().isEmpty()) {
      StringJoiner labels = new StringJoiner(", ");
      new TreeMap<>(a.labels()).forEach((k, v) -> labels.add(k + "=" + v));
      fact(facts, "Labels", labels.toString());
    }
    fact(facts, "Alert id", a.alertId());
    return container;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }

  /** Adaptive Card text colors: Attention (red), Warning (amber), Accent (blue), Good (green). */
  static String color(Notification n, Severity severity) {
    if (n.kind() == NotificationKind.RESOLVED) {
      return "Good";
    }
    return switch (severity) {
      case CRITICAL -> "Attention";
      case WARNING -> "Warning";
      case INFO -> "Accent";
    };
  }
}
