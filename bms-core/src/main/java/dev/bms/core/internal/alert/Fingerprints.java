package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Fingerprints of alerts and ids of targets: short, stable, readable where it helps. */
public final class Fingerprints {
  private Fingerprints() {
  }

  /** {@code rule|job|key}: readable, and stable across restarts and instances. */
  static String of(AlertRule rule, String jobId, String key) {
    return rule.id() + "|" + jobId + "|" + key;
  }

  /**
   * A target's identity: its type and a short hash of its configuration, so two jobs writing to
   * one NAS share it while the configuration (which may hold secrets) is not exposed.
   */
  public static String target(String type, Map<String, String> config) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(new TreeMap<>(config).toString().getBytes(StandardCharsets.UTF_8));
      return type + ":" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
