package dev.bms.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.MisfirePolicy;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.SourceSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a {@link BackupJob} as JSON for the {@code bms_job.definition} column, and reads it back.
 *
 * <p>The mapping is explicit (Jackson's tree model) rather than reflective, so the stored format is
 * a deliberate, versioned contract ({@code "format": 1}) that does not change when an api record
 * gains a method, and bms-api needs no Jackson annotations. Durations are ISO-8601 strings
 * ({@code PT26H}), zones their ids, absent optionals are omitted, and the sealed {@link Schedule}
 * is tagged by {@code "kind"}. Maps are written with sorted keys so equal jobs give equal JSON.
 */
final class JobDefinitionCodec {
  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobDefinitionCodec() {
  }

  static String toJson(BackupJob job) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("name", job.name());
    root.put("description", job.description());
    root.set("labels", map(job.labels()));
    ObjectNode source = root.putObject("source");
    source.put("type", job.source().type());
    source.set("config", map(job.source().config()));
    root.set("schedule", schedule(job.schedule()));
    root.put("misfirePolicy", job.misfirePolicy().name());
    ArrayNode copies = root.putArray("copies");
    for (CopySpec c : job.copies()) {
      ObjectNode copy = copies.addObject();
      copy.put("name", c.name());
      copy.put("targetType", c.targetType());
      copy.set("config", map(c.config()));
      copy.put("offsite", c.offsite());
      c.retention().ifPresent(r -> copy.set("retention", retention(r)));
    }
    root.set("retention", retention(job.retention()));
    job.rpo().ifPresent(d -> root.put("rpo", d.toString()));
    job.timeout().ifPresent(d -> root.put("timeout", d.toString()));
    ObjectNode retry = root.putObject("retry");
    retry.put("maxAttempts", job.retry().maxAttempts());
    retry.put("initialBackoff", job.retry().initialBackoff().toString());
    retry.put("multiplier", job.retry().multiplier());
    retry.put("maxBackoff", job.retry().maxBackoff().toString());
    root.put("enabled", job.enabled());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write job '" + job.name() + "' as JSON", e);
    }
  }

  /**
   * Reads a definition written by {@link #toJson}.
   *
   * @throws IllegalStateException when the text is not such a definition (a corrupt row)
   */
  static BackupJob fromJson(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      int format = root.path("format").asInt(-1);
      if (format != FORMAT) {
        throw new IllegalStateException("unsupported job definition format " + format);
      }
      JsonNode source = required(root, "source");
      List<CopySpec> copies = new ArrayList<>();
      for (JsonNode c : required(root, "copies")) {
        copies.add(new CopySpec(text(c, "name"), text(c, "targetType"), map(c.path("config")),
            c.path("offsite").asBoolean(false), optional(c, "retention").map(JobDefinitionCodec::retention)));
      }
      JsonNode retry = required(root, "retry");
      return new BackupJob(
          text(root, "name"),
          text(root, "description"),
          map(root.path("labels")),
          new SourceSpec(text(source, "type"), map(source.path("config"))),
          schedule(required(root, "schedule")),
          MisfirePolicy.valueOf(text(root, "misfirePolicy")),
          copies,
          retention(required(root, "retention")),
          optional(root, "rpo").map(n -> Duration.parse(n.asText())),
          optional(root, "timeout").map(n -> Duration.parse(n.asText())),
          new RetryPolicy(required(retry, "maxAttempts").asInt(), duration(retry, "initialBackoff"),
              required(retry, "multiplier").asDouble(), duration(retry, "maxBackoff")),
          required(root, "enabled").asBoolean());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("stored job definition is unreadable: " + e.getMessage(), e);
    }
  }

  private static ObjectNode schedule(Schedule schedule) {
    ObjectNode node = MAPPER.createObjectNode();
    if (schedule instanceof Schedule.Cron cron) {
      node.put("kind", "cron");
      node.put("expression", cron.expression());
      node.put("zone", cron.zone().getId());
    } else if (schedule instanceof Schedule.Interval interval) {
      node.put("kind", "interval");
      node.put("every", interval.every().toString());
    } else if (schedule instanceof Schedule.Manual) {
      node.put("kind", "manual");
    } else {
      throw new IllegalStateException("unknown schedule kind " + schedule.getClass().getName());
    }
    return node;
  }

  private static Schedule schedule(JsonNode node) {
    String kind = text(node, "kind");
    return switch (kind) {
      case "cron" -> Schedule.cron(text(node, "expression"), ZoneId.of(text(node, "zone")));
      case "interval" -> Schedule.interval(duration(node, "every"));
      case "manual" -> Schedule.manual();
      default -> throw new IllegalStateException("unknown schedule kind '" + kind + "'");
    };
  }

  private static ObjectNode retention(RetentionPolicy r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("keepLast", r.keepLast());
    node.put("daily", r.daily());
    node.put("weekly", r.weekly());
    node.put("monthly", r.monthly());
    node.put("yearly", r.yearly());
    node.put("keepWithin", r.keepWithin().toString());
    return node;
  }

  private static RetentionPolicy retention(JsonNode node) {
    return new RetentionPolicy(node.path("keepLast").asInt(), node.path("daily").asInt(),
        node.path("weekly").asInt(), node.path("monthly").asInt(), node.path("yearly").asInt(),
        duration(node, "keepWithin"));
  }

  private static ObjectNode map(Map<String, String> values) {
    ObjectNode node = MAPPER.createObjectNode();
    new TreeMap<>(values).forEach(node::put);
    return node;
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  private static Duration duration(JsonNode node, String field) {
    return Duration.parse(text(node, field));
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("missing field '" + field + "'");
    }
    return value;
  }

  private static Optional<JsonNode> optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }
}
