package dev.bms.core.internal.execution;

import dev.bms.api.ExecutionTokenException;
import dev.bms.api.model.ExecutionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Report tokens of reported executions: 256 random bits from {@link SecureRandom}, URL-safe base64
 * without padding. Only the SHA-256 of a token's text is stored; a presented token is hashed and
 * compared with the stored hash in constant time. No method puts a token in a message.
 */
final class ReportTokens {
  private static final int TOKEN_BYTES = 32;
  /** Characters of a token: 32 bytes in base64 without padding. */
  private static final int TOKEN_LENGTH = 43;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /** A fresh token. */
  String generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** SHA-256 of the token's text (32 bytes). */
  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Refuses, before anything is read, a token that is missing or that bms cannot have handed out
   * (wrong length or alphabet, such as text with control characters or megabytes of it).
   *
   * @throws ExecutionTokenException naming the execution, never the token
   */
  static void requireWellFormed(ExecutionId id, String presented) {
    if (presented == null || presented.isBlank()) {
      throw new ExecutionTokenException(id, "no report token was given");
    }
    if (presented.length() != TOKEN_LENGTH || !presented.chars().allMatch(ReportTokens::isTokenChar)) {
      throw new ExecutionTokenException(id, "the report token given is not this execution's");
    }
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  /**
   * Refuses a report whose token is missing or does not hash to the stored hash.
   *
   * @throws ExecutionTokenException naming the execution, never the token
   */
  static void verify(ExecutionId id, Optional<byte[]> stored, String presented) {
    requireWellFormed(id, presented);
    if (stored.isEmpty()) {
      throw new ExecutionTokenException(id, "it has no report token (begun before report tokens existed),"
          + " so it cannot be reported on; it is abandoned when its lease expires");
    }
    if (!MessageDigest.isEqual(stored.get(), hash(presented))) {
      throw new ExecutionTokenException(id, "the report token given is not this execution's");
    }
  }
}
