package dev.bms.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
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
    try {
      List<RuleResult> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(json)) {
        out.add(new RuleResult(n.path("rule").asText(), ComplianceStatus.valueOf(n.path("status").asText()),
            n.path("reason").asText(), strings(n.path("counted")), strings(n.path("unproven"))));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new StorageException("stored compliance verdict is not readable: " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}
