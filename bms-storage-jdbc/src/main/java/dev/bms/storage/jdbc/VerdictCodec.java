package dev.bms.storage.jdbc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.StorageException;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.RuleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-rule results of a stored verdict as JSON: an array of
 * {@code {"rule", "status", "reason", "counted": [...], "unproven": [...]}} objects.
 */
final class VerdictCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VerdictCodec() {
  }

  static String toJson(List<RuleResult> results) {
    ArrayNode a = JSON.createArrayNode();
    for (RuleResult r : results) {
      ObjectNode n = a.addObject();
      n.put("rule", r.ruleId());
      n.put("status", r.status().name());
      n.put("reason", r.reason());
      r.countedCopies().forEach(n.putArray("counted")::add);
      r.unprovenCopies().forEach(n.putArray("unproven")::add);
    }
    return a.toString();
  }

  static List<RuleResult> fromJson(String json) {
    // streamed, without a tree: a page of verdicts is parsed on every read of the compliance list
    try (JsonParser p = JSON.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("not an array");
      }
      List<RuleResult> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String rule = "";
        String status = null;
        String reason = "";
        List<String> counted = List.of();
        List<String> unproven = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.getCurrentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "rule" -> rule = p.getText();
            case "status" -> status = p.getText();
            case "reason" -> reason = p.getText();
            case "counted" -> counted = strings(p, value);
            case "unproven" -> unproven = strings(p, value);
            default -> p.skipChildren();
          }
        }
        if (status == null) {
          throw new IOException("a result without a status");
        }
        out.add(new RuleResult(rule, ComplianceStatus.valueOf(status), reason, counted, unproven));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new StorageException("stored compliance verdict is not readable: " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_ARRAY) {
      throw new IOException("'" + p.getCurrentName() + "' is not an array");
    }
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(p.getText());
    }
    return out;
  }
}
