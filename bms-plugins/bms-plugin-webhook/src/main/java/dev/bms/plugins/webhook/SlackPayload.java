package dev.bms.plugins.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Slack incoming-webhook message: {@code text} (used in notifications and by clients without
 * Block Kit) and {@code blocks}: a header, a context line, then one section per alert with the
 * severity shown as an emoji. Keeps within Slack's limits (50 blocks, 150 characters in a header,
 * 3,000 in a section, 10 fields of 2,000): alerts beyond the limit are counted in a last line.
 */
final class SlackPayload implements PayloadRenderer {
  static final int MAX_ALERT_SECTIONS = 45;

  @Override
  public ObjectNode render(Notification n) {
    ObjectNode root = JSON.objectNode();
    root.put("text", escape(emoji(n, n.severity()) + " " + Wording.oneLine(n)));
    ArrayNode blocks = root.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text")
        .put("text", Wording.truncate(emoji(n, n.severity()) + " " + Wording.heading(n), 150))
        .put("emoji", true);
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(Wording.summary(n)));

    List<NotifiedAlert> alerts = n.alerts();
    int shown = Math.min(alerts.size(), MAX_ALERT_SECTIONS);
    for (NotifiedAlert a : alerts.subList(0, shown)) {
      blocks.add(section(n, a));
    }
    if (alerts.size() > shown) {
      blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
          .put("text", "… and " + (alerts.size() - shown) + " more alerts not shown");
    }
    return root;
  }

  private static ObjectNode section(Notification n, NotifiedAlert a) {
    ObjectNode section = JSON.objectNode().put("type", "section");
    StringBuilder text = new StringBuilder()
        .append(emoji(n, a.severity())).append(" *").append(a.severity()).append("* · *")
        .append(escape(a.title())).append('*');
    if (!a.detail().isBlank()) {
      text.append("\n```").append(escape(Wording.truncate(a.detail(), 2_500))).append("```");
    }
    section.putObject("text").put("type", "mrkdwn").put("text", Wording.truncate(text.toString(), 3_000));

    Map<String, String> facts = new LinkedHashMap<>();
    a.jobName().ifPresent(job -> facts.put("Job", job));
    facts.put("Rule", a.rule());
    facts.put("Seen", Wording.count(a.count()));
    facts.put("First seen", a.firstSeen().toString());
    facts.put("Last seen", a.lastSeen().toString());
    a.resolvedAt().ifPresent(at -> facts.put("Resolved", at.toString()));
    if (!a.labels().isEmpty()) {
      StringJoiner labels = new StringJoiner(", ");
      new TreeMap<>(a.labels()).forEach((k, v) -> labels.add(k + "=" + v));
      facts.put("Labels", labels.toString());
    }
    facts.put("Alert id", a.alertId());
    ArrayNode fields = section.putArray("fields");
    facts.forEach((name, value) -> fields.addObject().put("type", "mrkdwn")
        .put("text", Wording.truncate("*" + name + "*\n" + escape(value), 2_000)));
    return section;
  }

  /** Slack's emoji short codes; resolved notifications show a check mark whatever the severity. */
  static String emoji(Notification n, Severity severity) {
    if (n.kind() == NotificationKind.RESOLVED) {
      return ":white_check_mark:";
    }
    return switch (severity) {
      case CRITICAL -> ":red_circle:";
      case WARNING -> ":large_orange_circle:";
      case INFO -> ":large_blue_circle:";
    };
  }

  /** Slack's mrkdwn needs only these three escaped (they would otherwise start links or mentions). */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
