package dev.bms.plugins.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotifiedAlert;
import java.time.Instant;
import java.util.TreeMap;

/**
 * bms' generic JSON document. Every field is always present (absent values are {@code null}) so
 * receivers can rely on the shape; times are ISO-8601 UTC strings. Documented in
 * {@code docs/notifiers.md}; change it only additively.
 */
final class GenericPayload implements PayloadRenderer {

  @Override
  public ObjectNode render(Notification n) {
    ObjectNode root = JSON.objectNode();
    root.put("id", n.id());
    root.put("kind", n.kind().name());
    root.put("title", n.title());
    root.put("severity", n.severity().name());
    root.put("createdAt", n.createdAt().toString());
    ArrayNode alerts = root.putArray("alerts");
    for (NotifiedAlert a : n.alerts()) {
      ObjectNode alert = alerts.addObject();
      alert.put("id", a.alertId());
      alert.put("rule", a.rule());
      alert.put("severity", a.severity().name());
      alert.put("title", a.title());
      alert.put("detail", a.detail());
      alert.put("job", a.jobName().orElse(null));
      ObjectNode labels = alert.putObject("labels");
      new TreeMap<>(a.labels()).forEach(labels::put);
      alert.put("count", a.count());
      alert.put("firstSeen", a.firstSeen().toString());
      alert.put("lastSeen", a.lastSeen().toString());
      alert.put("resolvedAt", a.resolvedAt().map(Instant::toString).orElse(null));
    }
    return root;
  }
}
