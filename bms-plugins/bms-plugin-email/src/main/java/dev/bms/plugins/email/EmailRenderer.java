package dev.bms.plugins.email;

import dev.bms.api.model.Severity;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.NotificationKind;
import dev.bms.spi.notify.NotifiedAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Turns a notification into a subject, a plain-text body and an HTML body. Every value that comes
 * from an alert is HTML-escaped in the HTML part, since titles and details may carry file names,
 * error messages or anything else a backup tool printed.
 */
final class EmailRenderer {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String subjectPrefix;

  EmailRenderer(String subjectPrefix) {
    this.subjectPrefix = subjectPrefix;
  }

  EmailContent render(Notification n) {
    return new EmailContent(subject(n), text(n), html(n));
  }

  /**
   * {@code [bms] CRITICAL: Backup payroll-files failed (+2 more)},
   * {@code [bms] RESOLVED: Backup payroll-files failed},
   * {@code [bms] Digest: 3 open alerts (1 critical, 2 warning)}.
   */
  String subject(Notification n) {
    String body = switch (n.kind()) {
      case FIRING -> n.severity() + ": " + firstTitleAndMore(n);
      case RESOLVED -> "RESOLVED: " + firstTitleAndMore(n);
      case DIGEST -> "Digest: " + plural(n.alerts().size(), "open alert") + " (" + severityCounts(n) + ")";
    };
    String subject = subjectPrefix.isEmpty() ? body : subjectPrefix + " " + body;
    // A subject is one line, whatever an alert title holds.
    return subject.replaceAll("[\\r\\n]+", " ");
  }

  private static String firstTitleAndMore(Notification n) {
    int more = n.alerts().size() - 1;
    return n.alerts().get(0).title() + (more > 0 ? " (+" + more + " more)" : "");
  }

  private static String intro(Notification n) {
    int size = n.alerts().size();
    return switch (n.kind()) {
      case FIRING -> size == 1
          ? "bms raised an alert (" + n.severity() + ") that needs attention."
          : "bms raised " + size + " alerts that need attention; the most severe is " + n.severity() + ".";
      case RESOLVED -> size == 1
          ? "An alert has resolved; no action is needed."
          : size + " alerts have resolved; no action is needed.";
      case DIGEST -> "Summary of the " + plural(size, "alert") + " still open at "
          + TIME.format(n.createdAt()) + ": " + severityCounts(n) + ".";
    };
  }

  String text(Notification n) {
    StringBuilder sb = new StringBuilder();
    sb.append(n.title()).append("\n\n").append(intro(n)).append("\n");
    for (NotifiedAlert a : n.alerts()) {
      sb.append("\n[").append(a.severity()).append("] ").append(a.title()).append('\n');
      for (Map.Entry<String, String> row : facts(n.kind(), a).entrySet()) {
        sb.append("  ").append(String.format(Locale.ROOT, "%-12s", row.getKey() + ":")).append(row.getValue()).append('\n');
      }
      if (!a.detail().isBlank()) {
        sb.append('\n');
        a.detail().lines().forEach(line -> sb.append("  ").append(line).append('\n'));
      }
    }
    sb.append("\n-- \nbms notification ").append(n.id()).append(", ").append(TIME.format(n.createdAt())).append('\n');
    return sb.toString();
  }

  String html(Notification n) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(n.title()))
        .append("</title></head>\n<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n")
        .append("<h2 style=\"margin:0 0 8px 0\">").append(escape(n.title())).append("</h2>\n")
        .append("<p>").append(escape(intro(n))).append("</p>\n");
    for (NotifiedAlert a : n.alerts()) {
      String color = n.kind() == NotificationKind.RESOLVED ? "#2e7d32" : color(a.severity());
      sb.append("<div style=\"border-left:4px solid ").append(color)
          .append(";padding:4px 12px;margin:12px 0\">\n")
          .append("<h3 style=\"margin:4px 0\"><span style=\"color:").append(color).append("\">")
          .append(a.severity()).append("</span> ").append(escape(a.title())).append("</h3>\n")
          .append("<table style=\"border-collapse:collapse\">\n");
      for (Map.Entry<String, String> row : facts(n.kind(), a).entrySet()) {
        sb.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">")
            .append(escape(row.getKey())).append("</th><td style=\"padding:2px 0\">")
            .append(escape(row.getValue())).append("</td></tr>\n");
      }
      sb.append("</table>\n");
      if (!a.detail().isBlank()) {
        sb.append("<pre style=\"white-space:pre-wrap;margin:8px 0\">").append(escape(a.detail())).append("</pre>\n");
      }
      sb.append("</div>\n");
    }
    sb.append("<p style=\"color:#777;font-size:12px\">bms notification ").append(escape(n.id()))
        .append(", ").append(TIME.format(n.createdAt())).append("</p>\n</body></html>\n");
    return sb.toString();
  }

  /** The labelled rows shown for one alert, in display order. */
  private static Map<String, String> facts(NotificationKind kind, NotifiedAlert a) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Severity", a.severity().name());
    a.jobName().ifPresent(job -> rows.put("Job", job));
    rows.put("Rule", a.rule());
    rows.put("Count", a.count() == 1 ? "seen once" : "seen " + a.count() + " times");
    rows.put("First seen", TIME.format(a.firstSeen()));
    rows.put("Last seen", TIME.format(a.lastSeen()));
    a.resolvedAt().ifPresent(at -> rows.put("Resolved", TIME.format(at)));
    if (!a.labels().isEmpty()) {
      StringJoiner labels = new StringJoiner(", ");
      new TreeMap<>(a.labels()).forEach((k, v) -> labels.add(k + "=" + v));
      rows.put("Labels", labels.toString());
    }
    rows.put("Alert id", a.alertId());
    return rows;
  }

  private static String severityCounts(Notification n) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    n.alerts().forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
    StringJoiner out = new StringJoiner(", ");
    counts.forEach((severity, count) -> out.add(count + " " + severity.name().toLowerCase(Locale.ROOT)));
    return out.toString();
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String color(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "#c62828";
      case WARNING -> "#ef6c00";
      case INFO -> "#1565c0";
    };
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String formatTime(Instant instant) {
    return TIME.format(instant);
  }
}
