package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: the last key of a page, base64url-encoded with a prefix naming the
 * listing, so a cursor from one listing is refused by another.
 *
 * <ul>
 *   <li>jobs: {@code j1:<id>}</li>
 *   <li>executions: {@code e1:<epoch second>:<nano>:<id>} (creation time, then id)</li>
 * </ul>
 */
final class Cursors {
  private static final String JOB = "j1:";
  private static final String EXECUTION = "e1:";
  private static final String APPROVAL = "p1:";

  private Cursors() {
  }

  /** The position after an execution: its creation time and id. */
  record ExecutionKey(Instant createdAt, UUID id) {
  }

  static String job(UUID lastId) {
    return encode(JOB + lastId);
  }

  static UUID parseJob(String cursor) {
    String text = decode(cursor);
    if (!text.startsWith(JOB)) {
      throw malformed(cursor);
    }
    try {
      return UUID.fromString(text.substring(JOB.length()));
    } catch (IllegalArgumentException e) {
      throw malformed(cursor);
    }
  }

  static String execution(Instant createdAt, UUID lastId) {
    return timeAndId(EXECUTION, createdAt, lastId);
  }

  static ExecutionKey parseExecution(String cursor) {
    return parseTimeAndId(EXECUTION, cursor);
  }

  /** The position after an approval request: its creation time and id. */
  static String approval(Instant createdAt, UUID lastId) {
    return timeAndId(APPROVAL, createdAt, lastId);
  }

  static ExecutionKey parseApproval(String cursor) {
    return parseTimeAndId(APPROVAL, cursor);
  }

  private static String timeAndId(String kind, Instant at, UUID lastId) {
    return encode(kind + at.getEpochSecond() + ":" + at.getNano() + ":" + lastId);
  }

  private static ExecutionKey parseTimeAndId(String kind, String cursor) {
    String text = decode(cursor);
    if (!text.startsWith(kind)) {
      throw malformed(cursor);
    }
    String[] parts = text.substring(kind.length()).split(":", 3);
    if (parts.length != 3) {
      throw malformed(cursor);
    }
    try {
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return new ExecutionKey(at, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw malformed(cursor);
    }
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(cursor);
    }
  }

  private static InvalidRequestException malformed(String cursor) {
    return new InvalidRequestException("cursor: '" + dev.bms.api.model.Inputs.excerpt(cursor)
        + "' is not a cursor of this listing");
  }
}
