package dev.bms.core.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bms.api.Actor;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ChainBreak;
import dev.bms.api.audit.ChainVerification;
import dev.bms.api.audit.ResourceRef;
import dev.bms.spi.storage.AuditChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The export format of purged audit records, JSON lines (UTF-8):
 *
 * <pre>
 * {"format":"bms-audit-export","version":1}
 * {"sequence":1,"at":"…","actor":{"id":…,"name":…,"kind":…,"roles":[…]},"operation":…,
 *  "resource":{"type":…,"id":…},"outcome":…,"detail":…,"diff":…,"previousHash":…,"hash":…}
 * …
 * {"end":{"records":N,"firstSequence":…,"lastSequence":…,"lastHash":…}}
 * </pre>
 *
 * Each record line carries what its hash covers ({@link AuditChain#canonical}) and both hashes, so the
 * chain can be verified from the file alone; the end line makes a truncated file detectable.
 */
final class AuditExports {
  static final String FORMAT = "bms-audit-export";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditExports() {
  }

  static String header() {
    return write(Map.of("format", FORMAT, "version", 1));
  }

  static String line(AuditRecord r) {
    AuditEntry e = r.entry();
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("id", e.actor().id());
    actor.put("name", e.actor().displayName());
    actor.put("kind", e.actor().kind().name());
    actor.put("roles", e.actor().roles().stream().sorted().toList());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sequence", r.sequence());
    out.put("at", e.at().toString());
    out.put("actor", actor);
    out.put("operation", e.operation());
    out.put("resource", Map.of("type", e.resource().type(), "id", e.resource().id()));
    out.put("outcome", e.outcome().name());
    out.put("detail", e.detail());
    out.put("diff", e.diff());
    out.put("previousHash", r.previousHash());
    out.put("hash", r.hash());
    return write(out);
  }

  static String end(long records, long firstSequence, long lastSequence, String lastHash) {
    Map<String, Object> end = new LinkedHashMap<>();
    end.put("records", records);
    end.put("firstSequence", firstSequence);
    end.put("lastSequence", lastSequence);
    end.put("lastHash", lastHash);
    return write(Map.of("end", end));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Verifies an export; see {@code AuditService.verifyExport}. */
  static ChainVerification verify(InputStream export) {
    BufferedReader in = new BufferedReader(new InputStreamReader(export, StandardCharsets.UTF_8));
    long checked = 0;
    long expectedSeq = -1;
    String expectedPrev = null;
    long first = 0;
    try {
      String line = in.readLine();
      JsonNode header = line == null ? null : parse(line);
      if (header == null || !FORMAT.equals(header.path("format").asText())) {
        return broken(0, 1, ChainBreak.Kind.ALTERED, "line 1 is not the header of a bms audit export");
      }
      long lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        JsonNode node = parse(line);
        if (node != null && node.has("end")) {
          return checkEnd(node.get("end"), checked, first, expectedSeq - 1, expectedPrev, lineNo);
        }
        long at = expectedSeq < 0 ? 1 : expectedSeq;
        Optional<AuditRecord> parsed = node == null ? Optional.empty() : record(node);
        if (parsed.isEmpty()) {
          return broken(checked, at, ChainBreak.Kind.ALTERED, "line " + lineNo + " is not an audit record");
        }
        AuditRecord r = parsed.get();
        checked++;
        if (expectedSeq < 0) {
          first = r.sequence();
          expectedSeq = r.sequence();
          expectedPrev = r.previousHash(); // links to the previous export (or the genesis hash)
        }
        if (r.sequence() > expectedSeq) {
          return broken(checked, expectedSeq, ChainBreak.Kind.REMOVED, "record " + expectedSeq
              + (r.sequence() - 1 > expectedSeq ? " to " + (r.sequence() - 1) : "") + " missing (line " + lineNo
              + " holds record " + r.sequence() + ")");
        }
        if (r.sequence() < expectedSeq) {
          return broken(checked, r.sequence(), ChainBreak.Kind.REORDERED, "record " + r.sequence() + " at line "
              + lineNo + " comes after record " + (expectedSeq - 1));
        }
        if (!AuditChain.hash(r.previousHash(), r.entry()).equals(r.hash())) {
          return broken(checked, r.sequence(), ChainBreak.Kind.ALTERED, "record " + r.sequence() + " (line " + lineNo
              + ") no longer matches its hash");
        }
        if (!r.previousHash().equals(expectedPrev)) {
          return broken(checked, expectedSeq - 1, ChainBreak.Kind.ALTERED, "record " + (expectedSeq - 1)
              + " was replaced or its hash rewritten: record " + r.sequence() + " follows another hash");
        }
        expectedSeq = r.sequence() + 1;
        expectedPrev = r.hash();
      }
      return broken(checked, Math.max(expectedSeq, 1), ChainBreak.Kind.REMOVED,
          "the export ends without its end line: it was truncated after line " + lineNo);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit export", e);
    }
  }

  private static ChainVerification checkEnd(JsonNode end, long checked, long first, long last, String lastHash,
                                            long lineNo) {
    long records = end.path("records").asLong(-1);
    boolean matches = records == checked && (checked == 0
        || (end.path("firstSequence").asLong() == first && end.path("lastSequence").asLong() == last
        && Objects.equals(end.path("lastHash").asText(), lastHash)));
    if (!matches) {
      long named = end.path("lastSequence").asLong(last);
      return named > last
          ? broken(checked, last + 1, ChainBreak.Kind.REMOVED, "the end line names records up to " + named
              + " but the last record in the file is " + last)
          : broken(checked, Math.max(last, 1), ChainBreak.Kind.ALTERED, "the end line (line " + lineNo
              + ") does not describe the records before it");
    }
    return new ChainVerification(checked, Optional.empty());
  }

  private static ChainVerification broken(long checked, long sequence, ChainBreak.Kind kind, String detail) {
    return new ChainVerification(checked, Optional.of(new ChainBreak(sequence, kind, detail)));
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The record a line holds, or empty when a field is missing or invalid. */
  private static Optional<AuditRecord> record(JsonNode n) {
    try {
      JsonNode a = n.get("actor");
      Set<String> roles = new LinkedHashSet<>();
      a.get("roles").forEach(r -> roles.add(r.asText()));
      Actor actor = new Actor(text(a, "id"), text(a, "name"), roles, Actor.Kind.valueOf(text(a, "kind")));
      JsonNode res = n.get("resource");
      AuditEntry entry = new AuditEntry(Instant.parse(text(n, "at")), actor, text(n, "operation"),
          new ResourceRef(text(res, "type"), text(res, "id")), AuditOutcome.valueOf(text(n, "outcome")),
          text(n, "detail"), text(n, "diff"));
      if (!n.get("sequence").canConvertToLong()) {
        return Optional.empty();
      }
      return Optional.of(new AuditRecord(n.get("sequence").asLong(), entry, text(n, "previousHash"), text(n, "hash")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field);
    }
    return v.asText();
  }
}
