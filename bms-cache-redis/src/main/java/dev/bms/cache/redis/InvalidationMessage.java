package dev.bms.cache.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on the invalidation topic. Only keys cross the network, never values.
 *
 * <p>Wire format (plain text, so any Redis client can read it):
 * {@code 1|<instanceId>|<op>|<cache>|<payload>}; for {@link Op#KEYS} the payload is every key as
 * {@code <length>:<key>}, for {@link Op#PROBE} it is a nonce, for {@link Op#ALL} it is empty.
 * Cache names and instance ids never contain {@code |} (validated), keys may contain anything.
 *
 * @param instanceId the sender, so it can ignore its own messages
 * @param op what to drop
 * @param cache cache name ({@code "-"} for probes)
 * @param keys the keys for {@link Op#KEYS}, the nonce for {@link Op#PROBE}, empty otherwise
 */
record InvalidationMessage(String instanceId, Op op, String cache, List<String> keys) {

  /** What a message asks for. */
  enum Op {
    /** Drop the listed keys. */
    KEYS,
    /** Drop every key of the cache. */
    ALL,
    /** A liveness probe a provider sends to itself; everyone else ignores it. */
    PROBE
  }

  private static final String VERSION = "1";

  InvalidationMessage {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(cache, "cache");
    keys = List.copyOf(keys);
    if (instanceId.indexOf('|') >= 0 || cache.indexOf('|') >= 0) {
      throw new IllegalArgumentException("instanceId and cache must not contain '|'");
    }
  }

  static InvalidationMessage keys(String instanceId, String cache, List<String> keys) {
    return new InvalidationMessage(instanceId, Op.KEYS, cache, keys);
  }

  static InvalidationMessage all(String instanceId, String cache) {
    return new InvalidationMessage(instanceId, Op.ALL, cache, List.of());
  }

  static InvalidationMessage probe(String instanceId, String nonce) {
    return new InvalidationMessage(instanceId, Op.PROBE, "-", List.of(nonce));
  }

  String encode() {
    StringBuilder sb = new StringBuilder(64).append(VERSION).append('|').append(instanceId)
        .append('|').append(op.name()).append('|').append(cache).append('|');
    if (op == Op.PROBE) {
      sb.append(keys.get(0));
    } else {
      for (String key : keys) {
        sb.append(key.length()).append(':').append(key);
      }
    }
    return sb.toString();
  }

  /** Decodes a message; empty for anything malformed or of another version (never throws). */
  static Optional<InvalidationMessage> decode(String text) {
    String[] parts = text.split("\\|", 5);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      Op op = Op.valueOf(parts[2]);
      List<String> keys = switch (op) {
        case PROBE -> List.of(parts[4]);
        case ALL -> List.of();
        case KEYS -> decodeKeys(parts[4]);
      };
      return Optional.of(new InvalidationMessage(parts[1], op, parts[3], keys));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static List<String> decodeKeys(String payload) {
    List<String> keys = new ArrayList<>();
    int i = 0;
    while (i < payload.length()) {
      int colon = payload.indexOf(':', i);
      if (colon < 0) {
        throw new IllegalArgumentException("missing ':'");
      }
      int length = Integer.parseInt(payload.substring(i, colon));
      int end = colon + 1 + length;
      keys.add(payload.substring(colon + 1, end));
      i = end;
    }
    return keys;
  }
}
