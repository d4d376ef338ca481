package dev.bms.spi.storage;

import dev.bms.api.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of audit records: {@code hash = SHA-256(previousHash + "\n" + canonical(entry))},
 * in lowercase hex, starting from {@link #GENESIS}. Storages compute it when they append; bms
 * recomputes it to verify.
 *
 * @since 0.2.0
 */
public final class AuditChain {
  /** The previous hash of the first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {
  }

  /**
   * The position and hash of a chain's newest record.
   *
   * @param sequence the newest record's sequence, 0 when the chain is empty
   * @param hash the newest record's hash, {@link #GENESIS} when empty
   */
  public record Head(long sequence, String hash) {
  }

  /** The hash of {@code entry} following a record with hash {@code previousHash}. */
  public static String hash(String previousHash, AuditEntry entry) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(canonical(entry).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The canonical text of an entry: one field per line in a fixed order, each field's value with
   * backslashes and line breaks escaped, the instant in ISO-8601 UTC with microseconds, roles sorted
   * and comma-separated.
   */
  public static String canonical(AuditEntry e) {
    StringBuilder b = new StringBuilder(256 + e.diff().length());
    field(b, "at", e.at().toString());
    field(b, "actor.id", e.actor().id());
    field(b, "actor.name", e.actor().displayName());
    field(b, "actor.kind", e.actor().kind().name());
    field(b, "actor.roles", String.join(",", e.actor().roles()));
    field(b, "operation", e.operation());
    field(b, "resource.type", e.resource().type());
    field(b, "resource.id", e.resource().id());
    field(b, "outcome", e.outcome().name());
    field(b, "detail", e.detail());
    field(b, "diff", e.diff());
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(name).append('=');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    b.append('\n');
  }
}
