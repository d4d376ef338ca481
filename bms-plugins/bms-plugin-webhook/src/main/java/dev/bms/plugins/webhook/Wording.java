package dev.bms.plugins.webhook;

import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Phrases shared by the chat formats (Slack and Teams), so both read the same. */
final class Wording {
  private Wording() {
  }

  /** "Firing: …", "Resolved: …", "Digest: …". */
  static String heading(Notification n) {
    return switch (n.kind()) {
      case FIRING -> "Firing: " + n.title();
      case RESOLVED -> "Resolved: " + n.title();
      case DIGEST -> "Digest: " + n.title();
    };
  }

  /** One line under the heading: how many alerts, how severe, when. */
  static String summary(Notification n) {
    int size = n.alerts().size();
    String alerts = size + (size == 1 ? " alert" : " alerts");
    String what = switch (n.kind()) {
      case FIRING -> alerts + " firing, most severe " + n.severity();
      case RESOLVED -> alerts + " resolved, no action needed";
      case DIGEST -> alerts + " still open (" + severityCounts(n) + ")";
    };
    return what + " · " + n.createdAt() + " · notification " + n.id();
  }

  /** The fallback line (Slack's {@code text}): "[CRITICAL] first title (+2 more)". */
  static String oneLine(Notification n) {
    int more = n.alerts().size() - 1;
    String first = n.alerts().get(0).title() + (more > 0 ? " (+" + more + " more)" : "");
    return switch (n.kind()) {
      case FIRING -> "[" + n.severity() + "] " + first;
      case RESOLVED -> "[RESOLVED] " + first;
      case DIGEST -> "[DIGEST] " + n.title() + ": " + severityCounts(n);
    };
  }

  static String count(int count) {
    return count == 1 ? "once" : count + " times";
  }

  static String severityCounts(Notification n) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    n.alerts().forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
    StringJoiner out = new StringJoiner(", ");
    counts.forEach((severity, c) -> out.add(c + " " + severity.name().toLowerCase(Locale.ROOT)));
    return out.toString();
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
