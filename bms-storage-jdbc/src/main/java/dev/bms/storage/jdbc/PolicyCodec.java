package dev.bms.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.api.StorageException;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ImmutabilityPolicy;
import dev.bms.api.model.VerificationLevel;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes a {@link CompliancePolicy} as JSON for the policy columns and reads it back. Explicit and
 * versioned ({@code "format": 1}) like {@link JobDefinitionCodec}; fields missing from an older
 * document take the defaults' values.
 */
final class PolicyCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyCodec() {
  }

  static String toJson(CompliancePolicy p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("format", 1);
    n.put("minCopies", p.minCopies());
    n.put("countProductionData", p.countProductionData());
    n.put("minMediaTypes", p.minMediaTypes());
    n.put("distinctFailureDomains", p.distinctFailureDomains());
    n.put("minOffsite", p.minOffsite());
    n.put("minImmutable", p.minImmutable());
    n.put("immutability", p.immutability().name());
    n.put("verificationLevel", p.verificationLevel().name());
    n.put("verificationWindow", p.verificationWindow().toString());
    p.restorePointMaxAge().ifPresent(d -> n.put("restorePointMaxAge", d.toString()));
    return n.toString();
  }

  static CompliancePolicy fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      CompliancePolicy d = CompliancePolicy.defaults();
      return new CompliancePolicy(
          n.path("minCopies").asInt(d.minCopies()),
          n.path("countProductionData").asBoolean(d.countProductionData()),
          n.path("minMediaTypes").asInt(d.minMediaTypes()),
          n.path("distinctFailureDomains").asBoolean(d.distinctFailureDomains()),
          n.path("minOffsite").asInt(d.minOffsite()),
          n.path("minImmutable").asInt(d.minImmutable()),
          n.has("immutability") ? ImmutabilityPolicy.valueOf(n.get("immutability").asText()) : d.immutability(),
          n.has("verificationLevel") ? VerificationLevel.valueOf(n.get("verificationLevel").asText()) : d.verificationLevel(),
          n.has("verificationWindow") ? Duration.parse(n.get("verificationWindow").asText()) : d.verificationWindow(),
          n.has("restorePointMaxAge") ? Optional.of(Duration.parse(n.get("restorePointMaxAge").asText())) : Optional.empty());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new StorageException("stored compliance policy is unreadable: " + e.getMessage(), e);
    }
  }
}
